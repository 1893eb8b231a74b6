package io.addrservice.service;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code idn-email} format of the entry schema: an address in the syntax of RFC 5321 (mailbox)
 * and RFC 5322 (dot-atom or quoted local part), with the UTF-8 characters that RFC 6531 allows in
 * either part and IDNA domain labels. The domain is judged by its syntax only, never against a list
 * of top-level domains: reserved names ({@code .example}, {@code .test}, {@code .internal}), new
 * TLDs and IDN TLDs all pass. The validator library's own {@code idn-email} checks a bundled TLD
 * list, so this one replaces it under the same name.
 */
final class EmailSyntax implements Format {
  /** RFC 5321 §4.5.3.1: local part up to 64 octets, a path up to 256 with its angle brackets. */
  static final int MAX_LOCAL_OCTETS = 64;

  static final int MAX_ADDRESS_OCTETS = 254;

  private static final int MAX_DOMAIN_OCTETS = 253;
  private static final int MAX_LABEL_OCTETS = 63;

  /** RFC 5322 atext in ASCII; every non-ASCII character but spaces and controls is atext too. */
  private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

  private static final Pattern LDH_LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  @Override
  public String getName() {
    return "idn-email";
  }

  @Override
  public boolean matches(ExecutionContext context, String value) {
    return isAddress(value);
  }

  /** Whether {@code address} is an e-mail address by the rules above. */
  static boolean isAddress(String address) {
    if (address.getBytes(StandardCharsets.UTF_8).length > MAX_ADDRESS_OCTETS) {
      return false;
    }
    int at = localPartEnd(address);
    if (at <= 0 || at >= address.length() - 1 || address.charAt(at) != '@') {
      return false;
    }
    String local = address.substring(0, at);
    return local.getBytes(StandardCharsets.UTF_8).length <= MAX_LOCAL_OCTETS
        && isDomain(address.substring(at + 1));
  }

  /**
   * The index of the {@code @} after the local part, or -1 when the local part is malformed: a
   * quoted string ends at its closing quote, a dot-atom at the first {@code @}.
   */
  private static int localPartEnd(String address) {
    if (address.startsWith("\"")) {
      for (int i = 1; i < address.length(); i++) {
        char c = address.charAt(i);
        if (c == '\\') {
          // quoted-pair: a backslash and one visible character or space.
          if (++i >= address.length() || !quotable(address.charAt(i))) {
            return -1;
          }
        } else if (c == '"') {
          return i > 1 && i + 1 < address.length() ? i + 1 : -1;
        } else if (!quotable(c) || c == '\\') {
          return -1;
        }
      }
      return -1;
    }
    int at = address.indexOf('@');
    return at > 0 && isDotAtom(address.substring(0, at)) ? at : -1;
  }

  /** qtext and the characters of a quoted-pair: space, visible ASCII, non-ASCII but controls. */
  private static boolean quotable(char c) {
    return c == ' ' || (c > ' ' && c < 0x7f) || (c >= 0x80 && !Character.isISOControl(c));
  }

  private static boolean isDotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c != '.' && !isAtext(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAtext(char c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }
    return !Character.isISOControl(c) && !Character.isSpaceChar(c) && !Character.isWhitespace(c);
  }

  /** A domain name of LDH labels (each label possibly Unicode, as IDNA), or an address literal. */
  private static boolean isDomain(String domain) {
    if (domain.startsWith("[") && domain.endsWith("]")) {
      return isAddressLiteral(domain.substring(1, domain.length() - 1));
    }
    if (domain.isEmpty() || domain.endsWith(".") || domain.startsWith(".")) {
      return false;
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException notIdna) {
      return false;
    }
    if (ascii.length() > MAX_DOMAIN_OCTETS) {
      return false;
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      if (label.length() > MAX_LABEL_OCTETS || !LDH_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // An all-numeric last label is no top-level domain (RFC 3696 §2): a@1.2.3.4 must be
    // a@[1.2.3.4].
    return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
  }

  /** RFC 5321 §4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
  private static boolean isAddressLiteral(String literal) {
    if (IPV4.matcher(literal).matches()) {
      return true;
    }
    if (!literal.regionMatches(true, 0, "IPv6:", 0, 5)) {
      return false;
    }
    String ipv6 = literal.substring(5);
    if (ipv6.isEmpty()
        || !ipv6.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return false;
    }
    try {
      // Only hex digits, colons and dots reach here: no name is ever looked up.
      return java.net.InetAddress.getByName("[" + ipv6 + "]") instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
