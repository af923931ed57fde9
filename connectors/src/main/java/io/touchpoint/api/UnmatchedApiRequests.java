package io.touchpoint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Problem details for calls to Touchpoint's API that reach none of its endpoints: a path it does not have (404) or a
 * method the path does not take (405). Spring MVC refuses those before it picks a controller, so
 * {@link TouchpointProblems} never sees them and the application's generic error body would answer; only requests
 * under Touchpoint's API path come here, so the application's own errors keep their shape.
 */
public class UnmatchedApiRequests extends OncePerRequestFilter {

  private final ObjectMapper json;

  public UnmatchedApiRequests(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void sendError(int status) throws IOException {
        sendError(status, null);
      }

      @Override
      public void sendError(int status, String message) throws IOException {
        String detail = unmatched(status, request, getHeader(HttpHeaders.ALLOW));
        if (detail == null || isCommitted()) {
          super.sendError(status, message);
          return;
        }
        resetBuffer();
        setStatus(status);
        setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        setCharacterEncoding("UTF-8");
        json.writeValue(getOutputStream(), ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail));
      }
    });
  }

  /** What the call missed, or null for an error of another kind. */
  private static String unmatched(int status, HttpServletRequest request, String allowed) {
    String path = request.getRequestURI();
    if (status == HttpStatus.NOT_FOUND.value()) {
      return "Touchpoint's API has no " + path;
    }
    if (status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
      return path + " does not take " + request.getMethod() + (allowed == null ? "" : "; it takes " + allowed);
    }
    return null;
  }
}
