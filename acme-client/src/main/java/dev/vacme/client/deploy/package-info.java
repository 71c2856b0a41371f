/**
 * Installing certificates onto servers and proving they are served.
 *
 * <h2>The contract an installer implements</h2>
 * <ul>
 *   <li>{@link dev.vacme.client.deploy.InstallerType}: one per target ({@code nginx}, {@code apache},
 *       {@code haproxy}, {@code pkcs12}, {@code jks}). Registers itself with one line in
 *       {@code META-INF/services/dev.vacme.client.deploy.InstallerType}; the
 *       {@link dev.vacme.client.deploy.InstallerRegistry} finds it by name for {@code -i NAME}, and an
 *       unknown name is a usage error listing the known ones.</li>
 *   <li>{@link dev.vacme.client.deploy.InstallerOptions}: the type's picocli options (unique names,
 *       prefixed with the installer's name), added to {@code run}, {@code install}, {@code renew}
 *       and {@code reconfigure}. {@code resolve} turns them, over the remembered settings, into a
 *       {@link dev.vacme.client.store.InstallerSpec}: the keys of the section
 *       {@code [installer.NAME]} of {@code renewal/NAME.conf}, next to {@code installer = NAME} in
 *       {@code [renewal]}. The type's own settings record reads those keys back in
 *       {@code InstallerType.create}; no other code knows them.</li>
 *   <li>{@link dev.vacme.client.deploy.Installer}: {@code install} (back up every file with
 *       {@link dev.vacme.client.deploy.Backup#protect} before changing it; write atomically; keys
 *       0600; idempotent), {@code configTest}, {@code reload}, {@code endpoints} (host:port + SNI
 *       to check), {@code preview} (dry run: what would change, config test on a copy),
 *       {@code restore} (default: the backup's files). Every expected failure is a
 *       {@link dev.vacme.client.deploy.DeployException} naming its step, with the tool's output.</li>
 * </ul>
 *
 * <h2>What vacme does around it</h2>
 * <ul>
 *   <li>{@link dev.vacme.client.deploy.Deployer}: install → config test → reload → verify; on any
 *       failure restore every backed-up file, reload again, and report what failed.</li>
 *   <li>{@link dev.vacme.client.deploy.ServedCertificateVerifier}: a TLS handshake per endpoint and
 *       SNI name (a wildcard checked with one name under it; any chain accepted), comparing the
 *       served leaf's SHA-256 fingerprint with {@code live/NAME/cert.pem}'s, retried for a few
 *       seconds while a graceful reload settles.</li>
 *   <li>{@link dev.vacme.client.deploy.PostIssuance}: the one sequence pre-hooks → obtain → install →
 *       verify → deploy hooks → post-hooks, used by every command that obtains or installs. A failed
 *       deployment leaves the new lineage version current, is recorded as pending in
 *       {@code [deployment]} of {@code renewal/NAME.conf}, and is retried by the next {@code renew}
 *       even when nothing is due.</li>
 * </ul>
 */
package dev.vacme.client.deploy;
