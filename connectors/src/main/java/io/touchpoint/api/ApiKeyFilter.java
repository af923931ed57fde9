package io.touchpoint.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <key>} for the event API, against {@code touchpoint.api.keys}. */
public class ApiKeyFilter extends OncePerRequestFilter {

  /** The request attribute naming who called: {@code api key <first 8 hex digits of the key's SHA-256>}. */
  public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";

  private final List<byte[]> keys;

  public ApiKeyFilter(List<String> keys) {
    this.keys = keys.stream().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.startsWith("Bearer ") && isKnown(header.substring(7).trim())) {
      request.setAttribute(CALLER, callerOf(header.substring(7).trim()));
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"Send an API key from touchpoint.api.keys as 'Authorization: Bearer <key>'\"}");
  }

  /** Keys have no names: audit logs name the caller by a fingerprint that does not reveal the key. */
  private static String callerOf(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "api key " + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private boolean isKnown(String presented) {
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    boolean known = false;
    for (byte[] key : keys) {
      known |= MessageDigest.isEqual(key, candidate);
    }
    return known;
  }
}
