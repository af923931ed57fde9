package io.touchpoint.provider.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Keeps the calls a journey makes (webhooks, email attachments fetched from a URL) away from the inside of the
 * network: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), carrier-grade NAT (100.64/10),
 * "this network" (0/8), any-local, multicast, reserved and benchmark ranges — also when written as an IPv4 address
 * embedded in IPv6 (mapped, compatible, NAT64, 6to4).
 *
 * <p>The guard is the HTTP client's {@link DnsResolver}: the client connects only to addresses this resolver
 * returned, so the address checked is the address used (no gap for DNS rebinding between a check and the connect).
 * IP literals go through it as well, and so does every hop of a redirect (each new target is a new connection).
 *
 * <p>The allowlist ({@code touchpoint.webhook.allowed-hosts}) opens specific hosts: a listed host name may resolve
 * to any address, and a listed IP address may be reached under any name.
 */
public class SsrfGuard implements DnsResolver {

  private final Set<String> allowedHosts;
  private final Set<InetAddress> allowedAddresses;
  private final DnsResolver resolver;

  public SsrfGuard(Set<String> allowedHosts) {
    this(allowedHosts, SystemDefaultDnsResolver.INSTANCE);
  }

  /** @param resolver the resolver asked for the addresses (tests pass a fake one) */
  public SsrfGuard(Set<String> allowedHosts, DnsResolver resolver) {
    this.allowedHosts = allowedHosts.stream().map(SsrfGuard::normalize).filter(h -> !h.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    this.allowedAddresses = this.allowedHosts.stream().filter(SsrfGuard::isIpLiteral).map(SsrfGuard::literal)
        .collect(Collectors.toUnmodifiableSet());
    this.resolver = resolver;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = resolver.resolve(host);
    if (allowedHosts.contains(normalize(host))) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      if (!allowedAddresses.contains(address) && isInternal(address)) {
        throw new ForbiddenTargetException(host, address);
      }
    }
    return addresses;
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return resolver.resolveCanonicalHostname(host);
  }

  /** Whether the address is one Touchpoint must not call unless allowlisted. */
  public static boolean isInternal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return isInternalIpv4(bytes);
    }
    if (address instanceof Inet6Address) {
      int first = bytes[0] & 0xff;
      if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
        return true;
      }
      if (startsWithZeros(bytes, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
        return isInternalIpv4(Arrays.copyOfRange(bytes, 12, 16)); // ::ffff:a.b.c.d mapped
      }
      if (startsWithZeros(bytes, 12)) {
        return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
      }
      if (first == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b) {
        return isInternalIpv4(Arrays.copyOfRange(bytes, 12, 16)); // 64:ff9b::/96 NAT64
      }
      if (first == 0x20 && (bytes[1] & 0xff) == 0x02) {
        return isInternalIpv4(Arrays.copyOfRange(bytes, 2, 6)); // 2002::/16 6to4
      }
    }
    return false;
  }

  private static boolean isInternalIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    return a0 == 0                                   // 0/8 "this network"
        || a0 == 10                                  // 10/8
        || a0 == 127                                 // loopback
        || (a0 == 100 && (a1 & 0xc0) == 64)          // 100.64/10 carrier-grade NAT
        || (a0 == 169 && a1 == 254)                  // link-local, cloud metadata
        || (a0 == 172 && (a1 & 0xf0) == 16)          // 172.16/12
        || (a0 == 192 && a1 == 0 && a2 == 0)         // 192.0.0/24 IETF protocol assignments
        || (a0 == 192 && a1 == 168)                  // 192.168/16
        || (a0 == 198 && (a1 & 0xfe) == 18)          // 198.18/15 benchmarking
        || a0 >= 224;                                // multicast, reserved, broadcast
  }

  private static boolean startsWithZeros(byte[] bytes, int count) {
    for (int i = 0; i < count; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.matches("[0-9a-f:.]*:[0-9a-f:.]*");
  }

  private static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip); // a literal: no lookup
    } catch (UnknownHostException notAnAddress) {
      throw new IllegalArgumentException("touchpoint.webhook.allowed-hosts: '" + ip + "' is not an IP address");
    }
  }

  private static String normalize(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** The target is inside the network and not allowlisted. */
  public static class ForbiddenTargetException extends UnknownHostException {

    public ForbiddenTargetException(String host, InetAddress address) {
      super("host " + host + " resolves to " + address.getHostAddress()
          + ", an internal address; Touchpoint calls it only if touchpoint.webhook.allowed-hosts lists it");
    }

    /** The refusal behind a failed call, if the guard refused it (HTTP clients wrap what a resolver throws). */
    public static Optional<ForbiddenTargetException> causing(Throwable failure) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof ForbiddenTargetException forbidden) {
          return Optional.of(forbidden);
        }
      }
      return Optional.empty();
    }
  }
}
