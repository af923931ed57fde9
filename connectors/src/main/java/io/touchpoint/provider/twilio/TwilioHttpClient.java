package io.touchpoint.provider.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.http.LastMomentCheck;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client, adjusted for a job-driven sender:
 * <ul>
 *   <li>exactly one attempt per call — the SDK would repeat a POST that creates a message on any
 *       5xx, sending it twice; retries come from the job executor instead;</li>
 *   <li>HTTP 429 surfaces as {@link ProviderThrottledException} carrying Retry-After (none when
 *       absent or unreadable: the pipeline backs off), a 5xx as an exception
 *       naming the status (the SDK would only say it could not read the error body);</li>
 *   <li>an {@code api-base-url} other than Twilio's routes every request there (a local fake);</li>
 *   <li>as many pooled connections as the send pipeline has calls in flight to Twilio (the library default is 5,
 *       which would cap every node at five concurrent sends);</li>
 *   <li>a pooled connection idle for a second is checked before it carries a send, and one idle for half a
 *       minute is closed: the library checks none, so a send written to a connection Twilio (or a proxy) had
 *       closed would lose its answer.</li>
 * </ul>
 */
public class TwilioHttpClient extends NetworkHttpClient {

  private static final URI TWILIO_API = URI.create("https://api.twilio.com");
  /** The SDK's own default; without it a hung connection would hold a pipeline slot for good. */
  private static final Timeout TIMEOUT = Timeout.ofSeconds(30);
  private static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);
  private static final TimeValue CLOSE_AFTER_IDLE = TimeValue.ofSeconds(30);

  /**
   * @param lastCheck checked once the connection is ready, right before each request is written: a call held up past
   *                  its deadline is not made
   */
  public TwilioHttpClient(URI apiBaseUrl, int maxConnections, CallDeadline lastCheck) {
    super(LastMomentCheck.added(builder(apiBaseUrl, maxConnections), lastCheck));
  }

  private static HttpClientBuilder builder(URI apiBaseUrl, int maxConnections) {
    HttpClientBuilder builder = HttpClientBuilder.create().disableAutomaticRetries().useSystemProperties()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().useSystemProperties()
            .setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(TIMEOUT)
                .setValidateAfterInactivity(CHECK_AFTER_IDLE).build())
            .build())
        .evictIdleConnections(CLOSE_AFTER_IDLE)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(TIMEOUT).build());
    if (!TWILIO_API.equals(apiBaseUrl)) {
      HttpHost target = new HttpHost(apiBaseUrl.getScheme(), apiBaseUrl.getHost(), port(apiBaseUrl));
      builder.setRoutePlanner((host, context) -> new HttpRoute(target, null, "https".equals(target.getSchemeName())));
    }
    return builder;
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    Response response = super.makeRequest(request);
    if (response.getStatusCode() == 429) {
      throw new ProviderThrottledException(TwilioMessaging.NAME, retryAfter(response.getHeaders()));
    }
    if (response.getStatusCode() >= 500) {
      // the SDK would report an unreadable error body without the status: say what happened
      throw new IllegalStateException(ErrorCode.TWILIO_002 + " Twilio answered HTTP " + response.getStatusCode()
          + " to " + request.getMethod() + " " + path(request));
    }
    return response;
  }

  private static String path(Request request) {
    return URI.create(request.getUrl()).getPath();
  }

  /** The Retry-After header's wait, or null when there is none or it cannot be read. */
  static Duration retryAfter(Header[] headers) {
    if (headers != null) {
      for (Header header : headers) {
        if ("Retry-After".equalsIgnoreCase(header.getName())) {
          return parseRetryAfter(header.getValue().trim());
        }
      }
    }
    return null;
  }

  private static Duration parseRetryAfter(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(ZonedDateTime.now(),
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException neither) {
        return null;
      }
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }
}
