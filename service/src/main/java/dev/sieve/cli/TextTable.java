package dev.sieve.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: a header, rows, columns as wide as their widest cell, two spaces apart;
 * columns named in {@code rightAligned} (counts, sizes) aligned right. Not thread-safe.
 */
final class TextTable {
  private final String[] header;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  /** {@code columns}: the header; a name starting with {@code >} is a right-aligned column. */
  TextTable(String... columns) {
    header = new String[columns.length];
    right = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      right[i] = columns[i].startsWith(">");
      header[i] = right[i] ? columns[i].substring(1) : columns[i];
    }
  }

  /** Adds a row; a null cell prints as {@code -}. */
  TextTable row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.length + " columns");
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = cells[i] == null ? "-" : cells[i].toString();
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, a line per row after the header, each ending in a newline, no trailing spaces. */
  String render() {
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
      for (String[] row : rows) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, header, width);
    for (String[] row : rows) {
      line(text, row, width);
    }
    return text.toString();
  }

  private void line(StringBuilder text, String[] cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(width[i] - cells[i].length());
      line.append(right[i] ? pad + cells[i] : cells[i] + pad);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }
}
