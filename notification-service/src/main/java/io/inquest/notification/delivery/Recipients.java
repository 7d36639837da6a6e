package io.inquest.notification.delivery;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The addresses an RCA goes to: trimmed, lower-cased and each only once, in first-seen order. */
public final class Recipients {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\".][^@\\s<>,;\"]*");

    private Recipients() {
    }

    @SafeVarargs
    public static Set<String> merge(Collection<String>... sources) {
        Set<String> merged = new LinkedHashSet<>();
        for (Collection<String> source : sources) {
            for (String address : source) {
                if (address != null && !address.isBlank()) {
                    merged.add(address.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return merged;
    }

    /** Whether an SMTP server can be asked to deliver to it (one plain {@code local@domain}; {@code localhost} counts, for mail catchers). */
    public static boolean isDeliverable(String address) {
        return ADDRESS.matcher(address).matches();
    }
}
