package dev.vacme.server.ra;

/**
 * The registration authority role: the services the web front end calls, one per concern.
 *
 * @param accounts       accounts (RFC 8555 §7.3)
 * @param orders         orders (§7.4)
 * @param authorizations authorizations and challenges (§7.5)
 * @param issuance       finalization (§7.4)
 * @param certificates   certificate download (§7.4.2)
 * @param revocations    revocation (§7.6)
 * @param renewals       renewal information (RFC 9773)
 */
public record RegistrationAuthority(
        AccountService accounts,
        OrderService orders,
        AuthorizationService authorizations,
        IssuanceService issuance,
        CertificateService certificates,
        RevocationService revocations,
        RenewalInfoService renewals) {
}
