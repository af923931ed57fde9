package io.touchpoint.channel.email;

import io.touchpoint.rendering.DataMarks;
import io.touchpoint.tracking.TrackingLinks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;
import org.springframework.util.StringUtils;

/**
 * The HTML and text parts of one email as sent: every link the author wrote through a tracking
 * redirect, the call-to-action as a button (a plain link in text), an unsubscribe footer, the open
 * pixel. The rendered HTML and text mark what data supplied ({@link DataMarks}); the marks decide
 * which links are the author's and are gone from what is sent.
 */
final class EmailContent {

  private static final Pattern HTML_LINK = Pattern.compile("(href\\s*=\\s*\")([^\"]+)(\")",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_ANCHOR = Pattern.compile("(?is)<a\\s[^>]*href\\s*=\\s*\"([^\"]+)\"[^>]*>(.*?)</a>");
  private static final Pattern WEB_URL = Pattern.compile("(?i)https?://.+");
  private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"]+");

  private EmailContent() {
  }

  static String html(EmailMessage message, String deliveryId, TrackingLinks links) {
    String body = DataMarks.strip(trackLinks(message.html(), deliveryId, links));
    StringBuilder tail = new StringBuilder();
    if (StringUtils.hasText(message.ctaLabel()) && StringUtils.hasText(message.ctaUrl())) {
      // a table-based button renders alike in Outlook, Gmail and Apple Mail
      tail.append("<table role=\"presentation\" cellspacing=\"0\" cellpadding=\"0\" style=\"margin:24px 0\"><tr>")
          .append("<td style=\"border-radius:6px;background:#1a73e8\"><a href=\"")
          .append(HtmlUtils.htmlEscape(links.click(deliveryId, message.ctaUrl())))
          .append("\" style=\"display:inline-block;padding:12px 24px;color:#ffffff;text-decoration:none;")
          .append("font-weight:bold;font-family:sans-serif\">").append(HtmlUtils.htmlEscape(message.ctaLabel()))
          .append("</a></td></tr></table>");
    }
    tail.append("<p style=\"font-size:12px;color:#666666\"><a href=\"")
        .append(HtmlUtils.htmlEscape(links.unsubscribe(deliveryId)))
        .append("\" style=\"color:#666666\">Unsubscribe</a></p>")
        .append("<img src=\"").append(HtmlUtils.htmlEscape(links.open(deliveryId)))
        .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">");
    int end = body.toLowerCase().lastIndexOf("</body>");
    return end < 0 ? body + tail : body.substring(0, end) + tail + body.substring(end);
  }

  static String text(EmailMessage message, String deliveryId, TrackingLinks links) {
    String text = StringUtils.hasText(DataMarks.strip(message.text())) ? message.text() : fromHtml(message.html());
    StringBuilder out = new StringBuilder(DataMarks.strip(trackTextLinks(text, deliveryId, links)));
    if (StringUtils.hasText(message.ctaLabel()) && StringUtils.hasText(message.ctaUrl())) {
      out.append("\n\n").append(message.ctaLabel()).append(": ").append(links.click(deliveryId, message.ctaUrl()));
    }
    out.append("\n\n--\nUnsubscribe: ").append(links.unsubscribe(deliveryId)).append('\n');
    return out.toString();
  }

  /** Every anchor: with HTML escaping on, only the author's markup can hold one. */
  private static String trackLinks(String html, String deliveryId, TrackingLinks links) {
    Matcher matcher = HTML_LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String url = HtmlUtils.htmlUnescape(DataMarks.strip(matcher.group(2)));
      String target = WEB_URL.matcher(url).matches() ? HtmlUtils.htmlEscape(links.click(deliveryId, url))
          : matcher.group(2);
      matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + target + matcher.group(3)));
    }
    return matcher.appendTail(out).toString();
  }

  /**
   * Only the URLs whose scheme and host the author wrote: a URL inside a contact's name, or one that data
   * supplies whole, stays plain text and is not turned into a signed redirect.
   */
  private static String trackTextLinks(String text, String deliveryId, TrackingLinks links) {
    Matcher matcher = TEXT_LINK.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String url = withoutTrailingPunctuation(matcher.group());
      String after = matcher.group().substring(url.length());
      boolean authored = !DataMarks.isData(text, matcher.start()) && !hasData(site(url));
      matcher.appendReplacement(out, Matcher.quoteReplacement(
          (authored ? links.click(deliveryId, DataMarks.strip(url)) : url) + after));
    }
    return matcher.appendTail(out).toString();
  }

  /** A sentence's full stop, or the parenthesis around "label (url)", is not part of the URL. */
  private static String withoutTrailingPunctuation(String url) {
    int end = url.length();
    while (end > 0 && (".,;:!?'".indexOf(url.charAt(end - 1)) >= 0
        || url.charAt(end - 1) == ')' && url.lastIndexOf('(', end - 1) < 0
        || url.charAt(end - 1) == DataMarks.END)) {
      end--;
    }
    return url.substring(0, end);
  }

  /** {@code https://host:port}, up to the path, query or fragment. */
  private static String site(String url) {
    int host = url.indexOf("://") + 3;
    int end = host;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(0, end);
  }

  private static boolean hasData(String text) {
    return text.indexOf(DataMarks.START) >= 0 || text.indexOf(DataMarks.END) >= 0;
  }

  /** A readable text part from HTML: block ends become line breaks, link targets stay visible. */
  static String fromHtml(String html) {
    String text = anchorsAsText(html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", ""))
        .replaceAll("(?i)<br\\s*/?>", "\n")
        .replaceAll("(?i)</(p|div|h[1-6]|li|tr)>", "\n")
        .replaceAll("<[^>]+>", "");
    return HtmlUtils.htmlUnescape(text).replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").trim();
  }

  /** {@code label (url)}; the URL counts as the author's, as its anchor does in the HTML part. */
  private static String anchorsAsText(String html) {
    Matcher matcher = HTML_ANCHOR.matcher(html);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(
          matcher.group(2) + " (" + DataMarks.strip(matcher.group(1)) + ")"));
    }
    return matcher.appendTail(out).toString();
  }

}
