package io.touchpoint.provider.http;

import io.touchpoint.delivery.CallDeadline;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * A send pipeline call's {@link CallDeadline}, checked in an Apache HttpClient 5 client at the last moment: an exec
 * interceptor before the main transport runs once the connection is leased and connected, right before the request is
 * written. A call that fails the check was not made.
 */
public final class LastMomentCheck {

  private LastMomentCheck() {
  }

  /** The builder, with the check in its chain. */
  public static HttpClientBuilder added(HttpClientBuilder builder, CallDeadline deadline) {
    return builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "touchpoint-call-deadline",
        (request, scope, chain) -> {
          deadline.checkStillInTime();
          return chain.proceed(request, scope);
        });
  }
}
