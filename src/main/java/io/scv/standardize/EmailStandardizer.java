package io.scv.standardize;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Canonicalises e-mail addresses for matching and classifies their domains as free-mail or business.
 *
 * <p>An address is trimmed and lower-cased and must have a sane shape (one '@', no spaces, a domain of
 * dot-separated labels ending in a 2+ letter top-level label), otherwise it becomes null. With provider rules
 * the address is reduced to the mailbox that receives the mail: Gmail ignores dots and "+tags" in the local
 * part and treats googlemail.com as gmail.com; for every other domain only the "+tag" is dropped, since dots
 * are significant there. Pure, thread-safe, null in → null out, blank → null.
 */
public final class EmailStandardizer {

    private static final String GMAIL = "gmail.com";
    private static final Set<String> GMAIL_DOMAINS = Set.of(GMAIL, "googlemail.com");

    private static final Pattern SHAPE = Pattern.compile(
            "[^@\\s,;:<>()\\[\\]\"\\\\]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)");

    private static final Set<String> FREE_MAIL_EXACT = Set.of(
            "gmail.com", "googlemail.com", "ymail.com", "rocketmail.com", "msn.com", "icloud.com", "me.com",
            "mac.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com", "tuta.io",
            "zoho.com", "zohomail.com", "mail.com", "email.com", "fastmail.com", "fastmail.fm", "hey.com",
            "hushmail.com", "mail.ru", "inbox.ru", "bk.ru", "list.ru", "ya.ru", "rambler.ru", "web.de",
            "t-online.de", "freenet.de", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr",
            "libero.it", "virgilio.it", "tiscali.it", "alice.it", "btinternet.com", "sky.com", "virginmedia.com",
            "ntlworld.com", "talktalk.net", "blueyonder.co.uk", "bigpond.com", "optusnet.com.au",
            "xtra.co.nz", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "earthlink.net",
            "rediffmail.com", "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net", "seznam.cz",
            "wp.pl", "o2.pl", "interia.pl", "onet.pl", "eircom.net");
    // Brands with a domain per country (yahoo.co.uk, hotmail.fr, live.com.au, gmx.de, yandex.ru, aol.com).
    private static final Pattern FREE_MAIL_BRANDS = Pattern.compile(
            "(?:yahoo|hotmail|outlook|live|aol|gmx|yandex)\\.(?:com|net|org|[a-z]{2}|co\\.[a-z]{2}|com\\.[a-z]{2})");

    private EmailStandardizer() {
    }

    /** Canonical address, or null when blank or not shaped like an address. */
    public static String normalize(String email, boolean providerRules) {
        if (email == null || email.isBlank()) {
            return null;
        }
        var lower = email.strip().toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(lower).matches()) {
            return null;
        }
        if (!providerRules) {
            return lower;
        }
        var at = lower.indexOf('@');
        return applyProviderRules(lower.substring(0, at), lower.substring(at + 1));
    }

    /** Lower-case domain of a well-shaped address ("Ann@Example.COM" → "example.com"), else null. */
    public static String domain(String email) {
        var normalized = normalize(email, false);
        return normalized == null ? null : normalized.substring(normalized.indexOf('@') + 1);
    }

    /** "personal" for a consumer mailbox provider's address, "business" for another domain's, null for none. */
    public static String kind(String email) {
        var domain = domain(email);
        if (domain == null) {
            return null;
        }
        return isFreeMailDomain(domain) ? "personal" : "business";
    }

    /**
     * True for consumer mailbox providers (gmail, yahoo.*, hotmail.*, outlook.*, live.*, icloud, aol, proton,
     * gmx, yandex, national ISPs, ...), i.e. a personal address; false for other (business) domains and null.
     * Accepts a domain or a whole address.
     */
    public static boolean isFreeMailDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return false;
        }
        var lower = domain.strip().toLowerCase(Locale.ROOT);
        var host = lower.substring(lower.lastIndexOf('@') + 1);
        return FREE_MAIL_EXACT.contains(host) || FREE_MAIL_BRANDS.matcher(host).matches();
    }

    private static String applyProviderRules(String local, String domain) {
        var plus = local.indexOf('+');
        var mailbox = plus >= 0 ? local.substring(0, plus) : local;
        var canonicalDomain = domain;
        if (GMAIL_DOMAINS.contains(domain)) {
            mailbox = mailbox.replace(".", "");
            canonicalDomain = GMAIL;
        }
        return mailbox.isEmpty() ? null : mailbox + "@" + canonicalDomain;
    }
}
