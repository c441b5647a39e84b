package wslab.reference.security;

/**
 * Text made safe for HTML, for a page that puts it into element content or a quoted attribute
 * value (OWASP's XSS prevention rules for those two contexts): the five characters that can end
 * text there become character references. The ampersand goes first, so the references this makes
 * are not escaped again. Other contexts (a script, a URL, a style) need other rules.
 */
public final class HtmlText {

    private HtmlText() {
    }

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
