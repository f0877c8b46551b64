/**
 * The {@code sieve} command-line client: load files into a server with a progress bar, look words
 * and numbers up, list by prefix, and show the memory report as a table with a bar per set.
 *
 * <p>One file per subcommand ({@link dev.sieve.cli.LoadCommand}, {@link
 * dev.sieve.cli.ContainsCommand}, {@link dev.sieve.cli.PrefixCommand}, {@link
 * dev.sieve.cli.MemoryCommand}) under {@link dev.sieve.cli.SieveCli}; they talk HTTP/JSON through
 * {@link dev.sieve.cli.SieveClient} (the JDK's {@code HttpClient}, which streams a file body) and
 * never touch the server's classes. Shipped in the server's jar:
 *
 * <pre>
 * java -cp service/target/sieve.jar dev.sieve.cli.SieveCli load words en words.txt.gz
 * bin/sieve memory
 * </pre>
 */
package dev.sieve.cli;
