package io.touchpoint.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
      "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
      "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::1", "::10.0.0.1"})
  void internalAddressesAreRefused(String address) throws Exception {
    assertThat(SsrfGuard.isInternal(InetAddress.getByName(address))).as(address).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "1.1.1.1",
      "2606:4700:4700::1111", "2002:5db8:d822::1"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertThat(SsrfGuard.isInternal(InetAddress.getByName(address))).as(address).isFalse();
  }

  @Test
  void aNameIsCheckedOnTheAddressesItResolvesToEachTimeNoRebindingGap() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    DnsResolver rebinding = fake(host -> lookups.incrementAndGet() == 1
        ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
        : new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")});
    SsrfGuard guard = new SsrfGuard(Set.of(), rebinding);

    assertThat(guard.resolve("crm.example.com", 443)).hasSize(1);
    assertThatThrownBy(() -> guard.resolve("crm.example.com", 443))
        .isInstanceOf(SsrfGuard.ForbiddenTargetException.class)
        .hasMessageContaining("crm.example.com resolves to 127.0.0.1");
  }

  @Test
  void theAllowlistOpensNamesAndAddresses() throws Exception {
    DnsResolver internal = fake(host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")});

    assertThat(new SsrfGuard(Set.of("CRM.internal."), internal).resolve("crm.internal")).hasSize(1);
    assertThat(new SsrfGuard(Set.of("10.1.2.3"), internal).resolve("crm.internal")).hasSize(1);
    assertThat(new SsrfGuard(Set.of("::1"), fake(h -> new InetAddress[] {InetAddress.getByName("0:0:0:0:0:0:0:1")}))
        .resolve("[::1]")).hasSize(1);
    assertThatThrownBy(() -> new SsrfGuard(Set.of("other.internal"), internal).resolve("crm.internal"))
        .isInstanceOf(SsrfGuard.ForbiddenTargetException.class);
  }

  interface Lookup {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static DnsResolver fake(Lookup lookup) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        return lookup.resolve(host);
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
  }
}
