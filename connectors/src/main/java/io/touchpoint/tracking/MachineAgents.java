package io.touchpoint.tracking;

import java.util.List;
import java.util.Locale;

/**
 * User agents of machines that fetch an email's images or follow its links without a reader: image
 * proxies that fetch every image on arrival, mail security gateways that scan every link on
 * delivery, and link-preview fetchers. What they do says nothing about a reader.
 */
final class MachineAgents {

  private static final List<String> TOKENS = List.of(
      // image proxies
      "googleimageproxy", "yahoomailproxy", "ymailproxy", "outlook-iph",
      // mail security gateways and link scanners (Microsoft Safe Links fetches as BingPreview)
      "barracuda", "proofpoint", "mimecast", "symantec", "messagelabs", "trendmicro", "forcepoint", "fortiguard",
      "ironport", "sophos", "bingpreview", "google-safety", "appengine-google",
      // headless browsers and HTTP libraries
      "headlesschrome", "phantomjs", "python-requests", "go-http-client", "curl/", "wget/",
      // link previews in chat and social apps
      "slackbot", "linkedinbot", "facebookexternalhit", "twitterbot", "telegrambot", "discordbot",
      "skypeuripreview", "microsoftpreview", "whatsapp/");

  private MachineAgents() {
  }

  static boolean isMachine(String userAgent) {
    if (userAgent == null) {
      return false;
    }
    String agent = userAgent.toLowerCase(Locale.ROOT);
    return TOKENS.stream().anyMatch(agent::contains);
  }
}
