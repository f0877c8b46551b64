/**
 * The {@code sieve} command-line client, one file per subcommand under {@link
 * dev.sieve.cli.SieveCli}: sets ({@code list}, {@code stats}, {@code load}, {@code add}, {@code
 * remove}, {@code delete}), lookups ({@code contains}, {@code prefix}, {@code range}), {@code
 * combine}, {@code export}, and the server's own state ({@code memory}, {@code loads}, {@code
 * info}). Each decodes its arguments, calls the HTTP/JSON API through {@link
 * dev.sieve.cli.SieveClient} (the JDK's {@code HttpClient}, bodies streamed both ways), and prints
 * the answer for a person, or as the server sent it with {@code --json}. It never touches the
 * server's classes.
 *
 * <p>The traps it handles once for every command: request targets are percent-encoded as RFC 3986
 * asks ({@link dev.sieve.cli.ApiPath}, not {@code URLEncoder}'s form encoding); what an upload is
 * (gzip, Roaring) is told by its first bytes ({@link dev.sieve.cli.FileType}), not its name; a
 * failed call names its cause (unknown host, refused, timeout, the server's error) with an exit
 * code of its own ({@link dev.sieve.cli.CallFailure}). Shipped in the server's jar:
 *
 * <pre>
 * java -cp service/target/sieve.jar dev.sieve.cli.SieveCli load words en words.txt.gz
 * bin/sieve --json stats words en
 * </pre>
 */
package dev.sieve.cli;
