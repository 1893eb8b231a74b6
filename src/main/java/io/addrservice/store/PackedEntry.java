package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.Kind;
import io.addrservice.model.Phone;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * An entry as the memory and file engines keep it in a book, made into the model's record again
 * each time it is read ({@link #entry}). A book held in memory is mostly entries, so they are kept
 * smaller than their records:
 *
 * <ul>
 *   <li>the values that many entries repeat are shared instances ({@link SharedValues});
 *   <li>a list of one, the most common length of each list in a book (one address, one phone, one
 *       e-mail), is held as its element, not as a list object of its own;
 *   <li>a phone's local number, mostly unique to its phone, is held in a {@code long} when one
 *       holds it exactly (a whole number of up to 18 digits written without a point), not as a
 *       {@link BigDecimal} of its own.
 * </ul>
 *
 * <p>What {@link #entry} gives back is equal to the entry packed, numbers to their digits and
 * scale.
 */
final class PackedEntry {
  /** Every whole number of this many digits or fewer fits a long. */
  private static final int LONG_DIGITS = 18;

  private final String fullName;

  // Each list as held: its one element, or an immutable list of any other length.
  private final Object addresses;
  private final Object phoneNumbers;
  private final Object faxNumbers;
  private final Object emails;

  /** A phone whose local number a long holds; other phones are held as their records. */
  private record WholePhone(Kind kind, BigDecimal countryCode, BigDecimal areaCode, long local) {
    Phone phone() {
      return new Phone(kind, countryCode, areaCode, BigDecimal.valueOf(local));
    }
  }

  private PackedEntry(AddressEntry entry) {
    this.fullName = entry.fullName();
    this.addresses = held(entry.addresses(), SharedValues::address);
    this.phoneNumbers = held(entry.phoneNumbers(), PackedEntry::packed);
    this.faxNumbers = held(entry.faxNumbers(), PackedEntry::packed);
    this.emails = held(entry.emails(), Function.identity());
  }

  /** {@code entry}, packed. */
  static PackedEntry of(AddressEntry entry) {
    return new PackedEntry(entry);
  }

  /** The entry packed: a new record, equal to it. */
  AddressEntry entry() {
    return new AddressEntry(
        fullName, list(addresses), phones(phoneNumbers), phones(faxNumbers), list(emails));
  }

  /**
   * How {@code list} is held: its one element packed (never a list: the elements are addresses,
   * phones and e-mails), else an immutable list of the elements packed.
   */
  private static <T> Object held(List<T> list, Function<? super T, ?> pack) {
    return list.size() == 1 ? pack.apply(list.get(0)) : each(list, pack);
  }

  /** The list that {@code held} stands for, of elements held as they are. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object held) {
    return held instanceof List<?> list ? (List<T>) list : List.of((T) held);
  }

  /** The phones that {@code held} stands for. */
  private static List<Phone> phones(Object held) {
    return held instanceof List<?> list ? each(list, PackedEntry::phone) : List.of(phone(held));
  }

  /** An immutable list of {@code map} of each element of {@code list}, in order. */
  @SuppressWarnings("unchecked")
  private static <T, R> List<R> each(List<T> list, Function<? super T, ? extends R> map) {
    Object[] mapped = new Object[list.size()];
    for (int i = 0; i < mapped.length; i++) {
      mapped[i] = map.apply(list.get(i));
    }
    return (List<R>) List.of(mapped);
  }

  private static Object packed(Phone phone) {
    BigDecimal countryCode = SharedValues.number(phone.countryCode());
    BigDecimal areaCode = SharedValues.number(phone.areaCode());
    BigDecimal local = phone.localNumber();
    if (local != null && local.scale() == 0 && local.precision() <= LONG_DIGITS) {
      return new WholePhone(phone.kind(), countryCode, areaCode, local.longValueExact());
    }
    // Not a small whole number either (those fit a long), so there is nothing to share.
    return new Phone(phone.kind(), countryCode, areaCode, local);
  }

  private static Phone phone(Object held) {
    return held instanceof WholePhone whole ? whole.phone() : (Phone) held;
  }
}
