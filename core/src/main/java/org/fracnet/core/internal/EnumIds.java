package org.fracnet.core.internal;

import java.util.function.Function;

/** Looks up the constant of an enum by its lower-case id, for enums whose constants carry one. */
public final class EnumIds {
  private EnumIds() {}

  /**
   * The constant of {@code type} whose id is {@code wanted}, or {@code null} if none is.
   *
   * @param type the enum
   * @param id how a constant's id is read, e.g. {@code TargetKind::id}
   * @param wanted the id looked for (may be {@code null}, which matches nothing)
   * @param <E> the enum type
   * @return the constant, or {@code null}
   */
  public static <E extends Enum<E>> E byId(Class<E> type, Function<E, String> id, String wanted) {
    for (E e : type.getEnumConstants()) {
      if (id.apply(e).equals(wanted)) {
        return e;
      }
    }
    return null;
  }
}
