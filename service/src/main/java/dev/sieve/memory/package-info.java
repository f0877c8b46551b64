/**
 * Byte accounting: the object layout used to size structures exactly ({@link
 * dev.sieve.memory.JvmLayout}), the {@code HashSet} baseline they are compared with ({@link
 * dev.sieve.memory.HashSetBaseline}), and the JVM's and the process's own figures ({@link
 * dev.sieve.memory.JvmMemory}, {@link dev.sieve.memory.ProcessMemory}); and the heap budget loads
 * share ({@link dev.sieve.memory.LoadBudget}: each load grows a {@link
 * dev.sieve.memory.Reservation} before it allocates, and is refused with a {@link
 * dev.sieve.memory.LoadMemoryException} when the budget cannot hold it).
 *
 * <p>Plain Java, no Vert.x. Example: {@code HashSetBaseline.ofLongs(set.cardinality())} is what a
 * {@code HashSet<Long>} of the same numbers would take;
 * {@code new WordSetCollector(budget.open("words/en"))} collects words within the budget, and {@code
 * new WordSetCollector(reservation, memoryBytes, spillDir)} spills sorted runs when it says no.
 */
package dev.sieve.memory;
