package io.touchpoint.channel.email;

import io.touchpoint.tracking.TrackingLinks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;
import org.springframework.util.StringUtils;

/**
 * The HTML and text parts of one email as sent: every link through a tracking redirect, the
 * call-to-action as a button (a plain link in text), an unsubscribe footer, the open pixel.
 */
final class EmailContent {

  private static final Pattern HTML_LINK = Pattern.compile("(href\\s*=\\s*\")(https?://[^\"]+)(\")",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"]+");

  private EmailContent() {
  }

  static String html(EmailMessage message, String deliveryId, TrackingLinks links) {
    String body = trackLinks(message.html(), deliveryId, links);
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
    String text = StringUtils.hasText(message.text()) ? message.text() : fromHtml(message.html());
    StringBuilder out = new StringBuilder(trackTextLinks(text, deliveryId, links));
    if (StringUtils.hasText(message.ctaLabel()) && StringUtils.hasText(message.ctaUrl())) {
      out.append("\n\n").append(message.ctaLabel()).append(": ").append(links.click(deliveryId, message.ctaUrl()));
    }
    out.append("\n\n--\nUnsubscribe: ").append(links.unsubscribe(deliveryId)).append('\n');
    return out.toString();
  }

  private static String trackLinks(String html, String deliveryId, TrackingLinks links) {
    Matcher matcher = HTML_LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String url = HtmlUtils.htmlUnescape(matcher.group(2));
      matcher.appendReplacement(out, Matcher.quoteReplacement(
          matcher.group(1) + HtmlUtils.htmlEscape(links.click(deliveryId, url)) + matcher.group(3)));
    }
    return matcher.appendTail(out).toString();
  }

  private static String trackTextLinks(String text, String deliveryId, TrackingLinks links) {
    Matcher matcher = TEXT_LINK.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(links.click(deliveryId, matcher.group())));
    }
    return matcher.appendTail(out).toString();
  }

  /** A readable text part from HTML: block ends become line breaks, link targets stay visible. */
  static String fromHtml(String html) {
    String text = html
        .replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
        .replaceAll("(?is)<a\\s[^>]*href\\s*=\\s*\"([^\"]+)\"[^>]*>(.*?)</a>", "$2 ($1)")
        .replaceAll("(?i)<br\\s*/?>", "\n")
        .replaceAll("(?i)</(p|div|h[1-6]|li|tr)>", "\n")
        .replaceAll("<[^>]+>", "");
    return HtmlUtils.htmlUnescape(text).replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").trim();
  }

}
