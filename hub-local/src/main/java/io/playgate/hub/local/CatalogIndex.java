package io.playgate.hub.local;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code catalog.index}: where each entry of a large {@code catalog.json} lies, so that a catalogue of a million
 * items loads in milliseconds and is read one entry at a time instead of held in memory (ARCHITECTURE.md
 * "Hub API v1", Catalogues at real scale). Written beside {@code catalog.json} by whoever writes the catalogue
 * (the catalogue generator), with {@link Writer}; read through a read-only memory map, so the heap holds none of it.
 *
 * <p>Layout, big-endian: magic {@code PGCATIX1}; {@code catalog.json}'s length and modification time (ms) it was
 * written for; {@code n} entries, {@code m} listed ones, {@code f} files, the id block's length; then, ids sorted by
 * their UTF-8 bytes: {@code int[n+1]} id starts in the id block, {@code long[n]} entry offsets and {@code int[n]}
 * lengths in {@code catalog.json}, {@code byte[n]} flags (1 restricted, 2 removed); {@code int[m]} the listed
 * entries' sorted positions in file order; the id block; {@code f} × (u16 length, UTF-8 path) of the files the
 * entries reference. Immutable and thread-safe once opened.
 */
public final class CatalogIndex {

  /** The file's name, beside {@code catalog.json}. */
  public static final String FILE_NAME = "catalog.index";

  /** Flag: private or unlisted, sent only with the hub credential. */
  public static final int RESTRICTED = 1;

  /** Flag: removed, answered 410. */
  public static final int REMOVED = 2;

  private static final byte[] MAGIC = "PGCATIX1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 8 + 8 + 8 + 4 * 4;

  private final ByteBuffer map;
  private final int count;
  private final int listedCount;
  private final int offsets;
  private final int lengths;
  private final int flags;
  private final int listed;
  private final int ids;
  private final Set<String> files;

  private CatalogIndex(ByteBuffer map, int count, int listedCount, Set<String> files) {
    this.map = map;
    this.count = count;
    this.listedCount = listedCount;
    this.offsets = HEADER + 4 * (count + 1);
    this.lengths = offsets + 8 * count;
    this.flags = lengths + 4 * count;
    this.listed = flags + count;
    this.ids = listed + 4 * listedCount;
    this.files = files;
  }

  /**
   * Opens the index of a catalogue folder, when there is one. Blocking (a file open and map): call it off the event
   * loop.
   *
   * @param catalogJson the catalogue's {@code catalog.json}
   * @return the index, or {@code null} when the folder has no {@code catalog.index}
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not an index or was written for another {@code catalog.json}
   */
  public static @org.jspecify.annotations.Nullable CatalogIndex open(Path catalogJson) throws IOException {
    Path file = catalogJson.resolveSibling(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    MappedByteBuffer map;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    byte[] magic = new byte[MAGIC.length];
    if (map.capacity() < HEADER || !Arrays.equals(magic(map, magic), MAGIC)) {
      throw new IllegalArgumentException(file + " is not a catalogue index");
    }
    if (map.getLong(8) != Files.size(catalogJson) || map.getLong(16) != Files.getLastModifiedTime(catalogJson).toMillis()) {
      throw new IllegalArgumentException(file + " was written for another " + catalogJson.getFileName()
          + " (its length or time differ): write the catalogue again");
    }
    int count = map.getInt(24);
    int listedCount = map.getInt(28);
    int fileCount = map.getInt(32);
    int idBlock = map.getInt(36);
    int pos = HEADER + 4 * (count + 1) + 8 * count + 4 * count + count + 4 * listedCount + idBlock;
    Set<String> files = new HashSet<>();
    for (int i = 0; i < fileCount; i++) {
      int len = Short.toUnsignedInt(map.getShort(pos));
      files.add(string(map, pos + 2, len));
      pos += 2 + len;
    }
    return new CatalogIndex(map, count, listedCount, Set.copyOf(files));
  }

  private static byte[] magic(ByteBuffer map, byte[] into) {
    map.get(0, into);
    return into;
  }

  private static String string(ByteBuffer map, int at, int len) {
    byte[] b = new byte[len];
    map.get(at, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** @return entries in the catalogue */
  public int size() {
    return count;
  }

  /**
   * @param id a media id
   * @return its position in id order, or -1 when the catalogue has no such entry
   */
  public int find(String id) {
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareId(mid, key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private int compareId(int pos, byte[] key) {
    int start = ids + map.getInt(HEADER + 4 * pos);
    int len = ids + map.getInt(HEADER + 4 * (pos + 1)) - start;
    for (int i = 0; i < Math.min(len, key.length); i++) {
      int c = Byte.toUnsignedInt(map.get(start + i)) - Byte.toUnsignedInt(key[i]);
      if (c != 0) {
        return c;
      }
    }
    return len - key.length;
  }

  /**
   * @param pos a position from {@link #find}
   * @return the entry's id
   */
  public String id(int pos) {
    int start = map.getInt(HEADER + 4 * pos);
    return string(map, ids + start, map.getInt(HEADER + 4 * (pos + 1)) - start);
  }

  /** @return the entry's byte offset in {@code catalog.json} */
  long offset(int pos) {
    return map.getLong(offsets + 8 * pos);
  }

  /** @return the entry's length in bytes */
  int length(int pos) {
    return map.getInt(lengths + 4 * pos);
  }

  /** @return the entry's flags, {@link #RESTRICTED} and {@link #REMOVED} */
  int flags(int pos) {
    return map.get(flags + pos);
  }

  /** @return the listed ids (neither restricted nor removed) in file order, a view reading the map */
  List<String> listedIds() {
    return new AbstractList<>() {
      @Override
      public String get(int i) {
        java.util.Objects.checkIndex(i, listedCount);
        return id(map.getInt(listed + 4 * i));
      }

      @Override
      public int size() {
        return listedCount;
      }
    };
  }

  /** @return the relative paths of the files the entries reference */
  Set<String> files() {
    return files;
  }

  /**
   * Collects the entries of a {@code catalog.json} as they are written, then writes its index. Memory: about 40
   * bytes per entry plus its id. Not thread-safe.
   */
  public static final class Writer {

    private String[] entryIds = new String[1024];
    private long[] entryOffsets = new long[1024];
    private int[] entryLengths = new int[1024];
    private byte[] entryFlags = new byte[1024];
    private int n;
    private final Set<String> referenced = new HashSet<>();

    /**
     * @param id the entry's id, {@code [A-Za-z0-9_-]{1,64}}, unique
     * @param offset its first byte's offset in {@code catalog.json}
     * @param length its length in bytes (the JSON object, nothing around it)
     * @param flagBits {@link #RESTRICTED}, {@link #REMOVED}, both or 0
     */
    public void add(String id, long offset, int length, int flagBits) {
      if (n == entryIds.length) {
        int size = n * 2;
        entryIds = Arrays.copyOf(entryIds, size);
        entryOffsets = Arrays.copyOf(entryOffsets, size);
        entryLengths = Arrays.copyOf(entryLengths, size);
        entryFlags = Arrays.copyOf(entryFlags, size);
      }
      entryIds[n] = id;
      entryOffsets[n] = offset;
      entryLengths[n] = length;
      entryFlags[n] = (byte) flagBits;
      n++;
    }

    /**
     * @param relativePath a file an entry references, relative to the catalogue folder (served by the hub)
     */
    public void file(String relativePath) {
      referenced.add(relativePath);
    }

    /**
     * Writes {@code catalog.index} beside a finished {@code catalog.json}.
     *
     * @param catalogJson the catalogue, closed
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when two entries share an id
     */
    public void write(Path catalogJson) throws IOException {
      Integer[] order = new Integer[n];
      byte[][] keys = new byte[n][];
      for (int i = 0; i < n; i++) {
        order[i] = i;
        keys[i] = entryIds[i].getBytes(StandardCharsets.UTF_8);
      }
      Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
      int[] sortedPos = new int[n];
      for (int p = 0; p < n; p++) {
        sortedPos[order[p]] = p;
        if (p > 0 && Arrays.equals(keys[order[p]], keys[order[p - 1]])) {
          throw new IllegalArgumentException("duplicate id '" + entryIds[order[p]] + "'");
        }
      }
      Path file = catalogJson.resolveSibling(FILE_NAME);
      try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          DataOutputStream out = new DataOutputStream(os)) {
        writeHeader(out, catalogJson, keys);
        writeTables(out, order, keys, sortedPos);
      }
    }

    private void writeHeader(DataOutputStream out, Path catalogJson, byte[][] keys) throws IOException {
      int listedCount = 0;
      long idBlock = 0;
      for (int i = 0; i < n; i++) {
        listedCount += entryFlags[i] == 0 ? 1 : 0;
        idBlock += keys[i].length;
      }
      out.write(MAGIC);
      out.writeLong(Files.size(catalogJson));
      out.writeLong(Files.getLastModifiedTime(catalogJson).toMillis());
      out.writeInt(n);
      out.writeInt(listedCount);
      out.writeInt(referenced.size());
      out.writeInt(Math.toIntExact(idBlock));
    }

    private void writeTables(DataOutputStream out, Integer[] order, byte[][] keys, int[] sortedPos) throws IOException {
      int start = 0;
      for (int p = 0; p < n; p++) {
        out.writeInt(start);
        start += keys[order[p]].length;
      }
      out.writeInt(start);
      for (int p = 0; p < n; p++) {
        out.writeLong(entryOffsets[order[p]]);
      }
      for (int p = 0; p < n; p++) {
        out.writeInt(entryLengths[order[p]]);
      }
      for (int p = 0; p < n; p++) {
        out.writeByte(entryFlags[order[p]]);
      }
      for (int i = 0; i < n; i++) {
        if (entryFlags[i] == 0) {
          out.writeInt(sortedPos[i]);
        }
      }
      for (int p = 0; p < n; p++) {
        out.write(keys[order[p]]);
      }
      for (String f : referenced.stream().sorted().toList()) {
        byte[] b = f.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
      }
    }
  }
}
