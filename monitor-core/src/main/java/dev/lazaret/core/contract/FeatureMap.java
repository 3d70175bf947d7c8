package dev.lazaret.core.contract;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An inference event's features as the parser reads them: names and values in document order in flat arrays, the
 * numbers as primitive doubles, found by name through a small open-addressing index. The drift step reads it by
 * position ({@link #name}, {@link #isNumber}, {@link #number}, {@link #value}) and by {@link #indexOf}, so an event
 * costs no boxed {@code Double} and no map entry per feature; everything else reads it as the unmodifiable
 * {@code Map<String, Object>} the contract has always given ({@link Double}, {@link String}, {@link Boolean}, a
 * {@link FeatureVector} or {@code null}), boxing a number when asked for it. Equal, as a map, to any map of the same
 * entries; iterates in insertion order, as the {@code LinkedHashMap} it replaces did.
 *
 * <p>Built once through a {@link Builder} (names unique), then read-only. Not thread-safe while building.
 */
public final class FeatureMap extends AbstractMap<String, Object> {
    /** Marks a slot of {@link #objects} whose value is the primitive in {@link #numbers}. */
    private static final Object NUMBER = new Object();

    private static final FeatureMap EMPTY = new Builder(0).build();

    private final String[] names;
    private final Object[] objects;
    private final double[] numbers;
    private final int size;
    /** Open addressing over the names' hashes: index + 1 of the name, 0 for a free slot; length a power of two. */
    private final int[] slots;

    private Set<Map.Entry<String, Object>> entries;

    private FeatureMap(String[] names, Object[] objects, double[] numbers, int size, int[] slots) {
        this.names = names;
        this.objects = objects;
        this.numbers = numbers;
        this.size = size;
        this.slots = slots;
    }

    /** A builder for about {@code expected} features (it grows past that). */
    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    /**
     * The features of {@code map} in its iteration order, {@code map} itself when it is a FeatureMap already, null
     * for null. A {@link Double} is held as a primitive (read back as an equal {@code Double}); other values,
     * other {@link Number}s included, are held as they are, so the copy equals {@code map}.
     */
    public static FeatureMap copyOf(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        if (map instanceof FeatureMap f) {
            return f;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder(map.size());
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Double d) {
                b.putNumber(e.getKey(), d);
            } else {
                b.put(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    @Override
    public int size() {
        return size;
    }

    /** The name of the {@code i}-th feature, in document order. */
    public String name(int i) {
        checkIndex(i);
        return names[i];
    }

    /** Whether the {@code i}-th value is a number ({@link #number} gives it). */
    public boolean isNumber(int i) {
        checkIndex(i);
        return objects[i] == NUMBER || objects[i] instanceof Number;
    }

    /**
     * The {@code i}-th value as a double, without boxing when the parser read it.
     *
     * @throws IllegalStateException when it is not a number
     */
    public double number(int i) {
        checkIndex(i);
        Object o = objects[i];
        if (o == NUMBER) {
            return numbers[i];
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException("feature '" + names[i] + "' is not a number");
    }

    /** The {@code i}-th value as the map gives it (a number boxed as a {@link Double}). */
    public Object value(int i) {
        checkIndex(i);
        Object o = objects[i];
        return o == NUMBER ? Double.valueOf(numbers[i]) : o;
    }

    /** The position of feature {@code name}, or -1 when the event does not have it. */
    public int indexOf(Object name) {
        if (!(name instanceof String s) || size == 0) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int h = spread(s.hashCode()) & mask; ; h = (h + 1) & mask) {
            int slot = slots[h];
            if (slot == 0) {
                return -1;
            }
            String candidate = names[slot - 1];
            if (candidate == s || candidate.equals(s)) {
                return slot - 1;
            }
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Set<Map.Entry<String, Object>> set = entries;
        if (set == null) {
            set = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(names[i], value(i));
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
            entries = set;
        }
        return set;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("feature index " + i + " of " + size);
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Collects features in order; each name once. */
    public static final class Builder {
        private String[] names;
        private Object[] objects;
        private double[] numbers;
        private int size;

        private Builder(int expected) {
            int capacity = Math.max(expected, 4);
            names = new String[capacity];
            objects = new Object[capacity];
            numbers = new double[capacity];
        }

        /** Adds a number, held as a primitive. */
        public Builder putNumber(String name, double value) {
            int i = slot(name);
            objects[i] = NUMBER;
            numbers[i] = value;
            return this;
        }

        /**
         * Adds any other value (a {@link Double} given here is held as the object, which reads back equal), or null.
         */
        public Builder put(String name, Object value) {
            int i = slot(name); // before reading the field: slot() may grow the arrays
            objects[i] = value;
            return this;
        }

        /** The features added, in order. The builder must not be used after. */
        public FeatureMap build() {
            int capacity = Integer.highestOneBit(Math.max(size, 1) * 2) * 2; // load factor at most 1/2
            int[] slots = new int[capacity];
            int mask = capacity - 1;
            for (int i = 0; i < size; i++) {
                int h = spread(names[i].hashCode()) & mask;
                while (slots[h] != 0) {
                    if (names[slots[h] - 1].equals(names[i])) {
                        throw new IllegalArgumentException("feature '" + names[i] + "' is given twice");
                    }
                    h = (h + 1) & mask;
                }
                slots[h] = i + 1;
            }
            return new FeatureMap(names, objects, numbers, size, slots);
        }

        private int slot(String name) {
            if (name == null) {
                throw new IllegalArgumentException("a feature has a name");
            }
            if (size == names.length) {
                int capacity = 2 * names.length;
                names = Arrays.copyOf(names, capacity);
                objects = Arrays.copyOf(objects, capacity);
                numbers = Arrays.copyOf(numbers, capacity);
            }
            names[size] = name;
            return size++;
        }
    }
}
