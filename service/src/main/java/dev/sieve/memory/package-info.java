/**
 * Byte accounting: the object layout used to size structures exactly ({@link
 * dev.sieve.memory.JvmLayout}), the {@code HashSet} baseline they are compared with ({@link
 * dev.sieve.memory.HashSetBaseline}), and the JVM's and the process's own figures ({@link
 * dev.sieve.memory.JvmMemory}, {@link dev.sieve.memory.ProcessMemory}).
 *
 * <p>Plain Java, no Vert.x. Example: {@code HashSetBaseline.ofLongs(set.cardinality())} is what a
 * {@code HashSet<Long>} of the same numbers would take.
 */
package dev.sieve.memory;
