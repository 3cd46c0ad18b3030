package io.yagura.portal.account;

import io.yagura.api.JdbcStatements;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.notify.Mailer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.portal.PortalConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portal accounts in the store's database (tables {@code portal_user}, {@code portal_link},
 * {@code portal_customer}, created at start in the SQL H2 and PostgreSQL share; times are epoch
 * milliseconds). Passwords are set only through a single-use, time-limited link sent by mail; a
 * link is stored as its SHA-256 digest. Every change is audited in the incident store's audit log
 * under the subject {@code portal-user:<name>} (or {@code customer:<id>}).
 */
@Component(service = PortalAccounts.class, configurationPid = "io.yagura.portal")
@Designate(ocd = PortalConfig.class)
public class PortalAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(PortalAccounts.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern MAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final String COLUMNS = "name, role, customer_id, mail, language, password_hash, failed_logins, "
            + "locked_until, disabled, created_at";

    private static final JdbcStatements.Failure FAILED = AccountException.failure("portal accounts");

    private final DataSource dataSource;
    private final IncidentStore audit;
    private final DeviceRegistry registry;
    private final AccountRules rules;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    /** Links asked for on the login page, counted per client address: 5 an hour, then an hour of silence. */
    private final LoginThrottle linkRequests;
    private final Clock clock;
    private volatile Mailer mailer;

    @Activate
    public PortalAccounts(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource,
                          @Reference IncidentStore audit, @Reference DeviceRegistry registry, PortalConfig config)
            throws SQLException {
        this(dataSource, audit, registry, AccountRules.of(config, "https://" + hostName() + ":" + config.port()),
                new PasswordHasher(), new LoginThrottle(new LoginThrottle.Limits(config.login_address_failures(),
                        Duration.ofMinutes(config.login_address_window_minutes()),
                        Duration.ofMinutes(config.login_address_block_minutes())), Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** With the default limit of failed logins per client address. */
    public PortalAccounts(DataSource dataSource, IncidentStore audit, DeviceRegistry registry, AccountRules rules,
                          PasswordHasher hasher, Clock clock) throws SQLException {
        this(dataSource, audit, registry, rules, hasher, new LoginThrottle(LoginThrottle.Limits.DEFAULT, clock), clock);
    }

    public PortalAccounts(DataSource dataSource, IncidentStore audit, DeviceRegistry registry, AccountRules rules,
                          PasswordHasher hasher, LoginThrottle throttle, Clock clock) throws SQLException {
        this.throttle = throttle;
        this.linkRequests = new LoginThrottle(new LoginThrottle.Limits(5, Duration.ofHours(1), Duration.ofHours(1)),
                new LoginThrottle.Wording("Forgotten-password links", "link requests"), clock);
        this.dataSource = dataSource;
        this.audit = audit;
        this.registry = registry;
        this.rules = rules;
        this.hasher = hasher;
        this.clock = clock;
        PortalSchema.migrate(dataSource);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindMailer(Mailer m) {
        this.mailer = m;
    }

    public void unbindMailer(Mailer m) {
        if (this.mailer == m) {
            this.mailer = null;
        }
    }

    public AccountRules rules() {
        return rules;
    }

    // ------------------------------------------------------------------ users

    /**
     * Creates a user without a password; it sets one through {@link #sendLink}.
     *
     * @param customerId required for CUSTOMER, must be null for SOC
     */
    public PortalUser add(String name, Role role, String customerId, String mail, String language, String by) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AccountException("user name '" + name + "': 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        if (mail == null || !MAIL.matcher(mail).matches()) {
            throw new AccountException("mail address '" + mail + "' is not an address");
        }
        if (role == Role.CUSTOMER) {
            if (customerId == null || registry.customer(customerId).isEmpty()) {
                throw new AccountException("customer '" + customerId + "' is not in the registry");
            }
        } else if (customerId != null) {
            throw new AccountException("a SOC user belongs to no customer");
        }
        String lang = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        if (!lang.equals("en") && !lang.equals("ja")) {
            throw new AccountException("language '" + language + "': ja or en");
        }
        if (find(name).isPresent()) {
            throw new AccountException("user '" + name + "' exists already");
        }
        Instant now = clock.instant();
        update("INSERT INTO portal_user (" + COLUMNS + ") VALUES (?,?,?,?,?,NULL,0,NULL,FALSE,?)", ps -> {
            ps.setString(1, name);
            ps.setString(2, role.name());
            ps.setString(3, customerId);
            ps.setString(4, mail);
            ps.setString(5, lang);
            ps.setLong(6, now.toEpochMilli());
        });
        audit(by, "portal-user-added", name, role + (customerId == null ? "" : " of " + customerId) + ", " + mail);
        return find(name).orElseThrow();
    }

    public Optional<PortalUser> find(String name) {
        return query("SELECT " + COLUMNS + " FROM portal_user WHERE name=?", ps -> ps.setString(1, name)).stream()
                .findFirst().map(Row::user);
    }

    /** Every user, SOC first, then by customer and name. */
    public List<PortalUser> list() {
        return query("SELECT " + COLUMNS + " FROM portal_user ORDER BY role DESC, customer_id, name", ps -> { })
                .stream().map(Row::user).toList();
    }

    /** Users of one customer. */
    public List<PortalUser> list(String customerId) {
        return list().stream().filter(u -> customerId.equals(u.customerId())).toList();
    }

    // ------------------------------------------------------------------ login and lockout

    /**
     * Checks a login from {@code clientAddress}: refused at once while that address is throttled
     * (too many failures on any accounts), else by the account's password and lockout. Every refusal
     * counts against the address.
     */
    public LoginResult login(String name, char[] password, String clientAddress) {
        Optional<Instant> throttled = throttle.blockedUntil(clientAddress);
        if (throttled.isPresent()) {
            // no password check: a blocked sprayer costs no PBKDF2 round
            return new LoginResult.Throttled(throttled.get());
        }
        LoginResult r = checkPassword(name, password);
        if (!(r instanceof LoginResult.Accepted)) {
            throttle.failed(clientAddress);
        }
        return r;
    }

    private LoginResult checkPassword(String name, char[] password) {
        Optional<Row> row = name == null ? Optional.empty()
                : query("SELECT " + COLUMNS + " FROM portal_user WHERE name=?", ps -> ps.setString(1, name)).stream()
                        .findFirst();
        Instant now = clock.instant();
        if (row.isEmpty()) {
            hasher.verify(password, DUMMY_HASH); // same time as for a known user: no user enumeration
            return new LoginResult.Refused("unknown user");
        }
        PortalUser u = row.get().user();
        if (u.disabled()) {
            return new LoginResult.Locked(null);
        }
        if (u.lockedUntil() != null && now.isBefore(u.lockedUntil())) {
            return new LoginResult.Locked(u.lockedUntil());
        }
        if (hasher.verify(password, row.get().hash())) {
            update("UPDATE portal_user SET failed_logins=0, locked_until=NULL WHERE name=?", ps -> ps.setString(1, name));
            return new LoginResult.Accepted(find(name).orElseThrow());
        }
        // an expired lock starts a new count
        int failures = (u.lockedUntil() != null ? 0 : u.failedLogins()) + 1;
        Instant lockedUntil = failures >= rules.lockoutFailures() ? now.plus(rules.lockout()) : null;
        update("UPDATE portal_user SET failed_logins=?, locked_until=? WHERE name=?", ps -> {
            ps.setInt(1, lockedUntil != null ? 0 : failures);
            setTime(ps, 2, lockedUntil);
            ps.setString(3, name);
        });
        if (lockedUntil != null) {
            LOG.warn("Portal user {} locked until {} after {} failed logins", name, lockedUntil, failures);
            audit("portal", "portal-user-locked-out", name, failures + " failed logins, until " + lockedUntil);
            return new LoginResult.Locked(lockedUntil);
        }
        return new LoginResult.Refused(u.hasPassword() ? "wrong password" : "no password set yet");
    }

    /** Locks a user until unlocked (its sessions are ended by the caller through PortalSessions). */
    public void lock(String name, String by) {
        requireUser(name);
        update("UPDATE portal_user SET disabled=TRUE WHERE name=?", ps -> ps.setString(1, name));
        audit(by, "portal-user-locked", name, "by an administrator");
    }

    /** Unlocks a user locked by an administrator or by failed logins. */
    public void unlock(String name, String by) {
        requireUser(name);
        update("UPDATE portal_user SET disabled=FALSE, failed_logins=0, locked_until=NULL WHERE name=?",
                ps -> ps.setString(1, name));
        audit(by, "portal-user-unlocked", name, "");
    }

    // ------------------------------------------------------------------ password links

    /** A set-password link and until when it can be used. */
    public record Link(String url, Instant expires) {
    }

    /**
     * Makes a new single-use link for the user (links made before stay usable until used or
     * expired) and mails it when {@code mail} is true.
     *
     * @return the link, for the console's {@code --print-link}
     * @throws AccountException when it cannot be mailed (no mail service, or the server refused)
     */
    public Link sendLink(String name, boolean mail, String by) {
        PortalUser u = requireUser(name);
        String token = Secrets.token();
        Instant expires = clock.instant().plus(rules.linkValidity());
        update("INSERT INTO portal_link (token_digest, user_name, expires_at, used_at) VALUES (?,?,?,NULL)", ps -> {
            ps.setString(1, Secrets.digest(token));
            ps.setString(2, name);
            ps.setLong(3, expires.toEpochMilli());
        });
        Link link = new Link(rules.baseUrl() + "/portal/password?token=" + token, expires);
        audit(by, "portal-password-link", name, mail ? "mailed to " + u.mail() : "printed on the console");
        if (mail) {
            Mailer m = mailer;
            if (m == null) {
                throw new AccountException("no mail service: the link to set the password was not sent to " + u.mail());
            }
            try {
                m.send(new Mailer.OutgoingMail(List.of(u.mail()), linkSubject(u), linkText(u, link), List.of()));
            } catch (Mailer.MailException e) {
                throw new AccountException("the link to set the password was not sent to " + u.mail() + ": "
                        + e.getMessage(), e);
            }
        }
        return link;
    }

    /** A user's link asked for on the login page is not sent again within this time. */
    static final Duration LINK_REQUEST_GAP = Duration.ofMinutes(10);

    /**
     * "Forgot your password?" on the login page: mails a link to set a new password to the user
     * with this name (or every user with this mail address), unless the account is locked or
     * disabled, a link was asked for it in the last {@link #LINK_REQUEST_GAP}, or the client
     * address asked too often. The requester is told the same in every case (whether a name
     * exists is never said); what happened is audited for a user and logged otherwise.
     */
    public void requestLink(String who, String clientAddress) {
        String asked = who == null ? "" : who.strip();
        if (asked.isEmpty() || asked.length() > 254) {
            return;
        }
        if (linkRequests.blockedUntil(clientAddress).isPresent()) {
            LOG.warn("Portal: a password link asked for '{}' from {} was not sent: too many requests from that address",
                    asked, clientAddress);
            return;
        }
        linkRequests.failed(clientAddress); // every request counts against its address
        List<PortalUser> users = find(asked).map(List::of)
                .orElseGet(() -> list().stream().filter(u -> asked.equalsIgnoreCase(u.mail())).toList());
        if (users.isEmpty()) {
            LOG.info("Portal: a password link asked for '{}' from {}: no such user, nothing sent", asked, clientAddress);
            return;
        }
        for (PortalUser u : users) {
            String by = "login page from " + clientAddress;
            if (u.disabled() || (u.lockedUntil() != null && u.lockedUntil().isAfter(clock.instant()))) {
                audit(by, "portal-password-link-refused", u.name(), "the account is locked or disabled");
            } else if (linkedWithin(u.name(), LINK_REQUEST_GAP)) {
                audit(by, "portal-password-link-refused", u.name(), "a link was sent less than "
                        + LINK_REQUEST_GAP.toMinutes() + " minutes ago");
            } else {
                try {
                    sendLink(u.name(), true, by);
                } catch (AccountException e) {
                    LOG.warn("Portal: the password link asked for {} from {} was not sent: {}", u.name(), clientAddress,
                            e.getMessage());
                }
            }
        }
    }

    /** Whether an unused link for the user was made within {@code gap} (its expiry minus the links' validity). */
    private boolean linkedWithin(String name, Duration gap) {
        // only links not used yet: once the password is set, a new request is a new need
        List<String> newest = queryStrings("SELECT MAX(expires_at) FROM portal_link WHERE user_name=? AND used_at IS NULL",
                ps -> ps.setString(1, name));
        if (newest.isEmpty() || newest.get(0) == null) {
            return false;
        }
        Instant made = Instant.ofEpochMilli(Long.parseLong(newest.get(0))).minus(rules.linkValidity());
        return made.plus(gap).isAfter(clock.instant());
    }

    private static String linkSubject(PortalUser u) {
        return u.language().equals("ja") ? "[Yagura] ポータルのパスワード設定" : "[Yagura] Set your portal password";
    }

    private static String linkText(PortalUser u, Link link) {
        return u.language().equals("ja")
                ? u.name() + " 様\n\n次のリンクからYaguraポータルのパスワードを設定してください（" + link.expires()
                        + " まで、一回限り有効）。\n\n" + link.url() + "\n\n心当たりがない場合はこのメールを破棄してください。\n"
                : "Hello " + u.name() + ",\n\nset your Yagura portal password with this link (usable once, until "
                        + link.expires() + "):\n\n" + link.url()
                        + "\n\nIf you did not expect this mail, ignore it.\n";
    }

    /** The user a link is for, when it is unused and not expired. */
    public Optional<String> linkUser(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return queryStrings("SELECT user_name FROM portal_link WHERE token_digest=? AND used_at IS NULL AND expires_at>?",
                ps -> {
                    ps.setString(1, Secrets.digest(token));
                    ps.setLong(2, now);
                }).stream().findFirst();
    }

    /**
     * Sets the password with a link's token; the token is used up.
     *
     * @return the user's name
     */
    public String setPassword(String token, char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new AccountException("the password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String name = linkUser(token).orElseThrow(() -> new AccountException("this link is unknown, used or expired"));
        long now = clock.millis();
        // the UPDATE … AND used_at IS NULL makes the link single-use even for two requests at once
        int used = update("UPDATE portal_link SET used_at=? WHERE token_digest=? AND used_at IS NULL", ps -> {
            ps.setLong(1, now);
            ps.setString(2, Secrets.digest(token));
        });
        if (used != 1) {
            throw new AccountException("this link is unknown, used or expired");
        }
        String hash = hasher.hash(password);
        update("UPDATE portal_user SET password_hash=?, failed_logins=0, locked_until=NULL WHERE name=?", ps -> {
            ps.setString(1, hash);
            ps.setString(2, name);
        });
        audit(name, "portal-password-set", name, "through a mailed link");
        return name;
    }

    // ------------------------------------------------------------------ what the SOC lets customers edit

    public boolean contactsEditable(String customerId) {
        return !queryStrings("SELECT customer_id FROM portal_customer WHERE customer_id=? AND contacts_editable=TRUE",
                ps -> ps.setString(1, customerId)).isEmpty();
    }

    public void setContactsEditable(String customerId, boolean editable, String by) {
        if (registry.customer(customerId).isEmpty()) {
            throw new AccountException("customer '" + customerId + "' is not in the registry");
        }
        int rows = update("UPDATE portal_customer SET contacts_editable=? WHERE customer_id=?", ps -> {
            ps.setBoolean(1, editable);
            ps.setString(2, customerId);
        });
        if (rows == 0) {
            update("INSERT INTO portal_customer (customer_id, contacts_editable) VALUES (?,?)", ps -> {
                ps.setString(1, customerId);
                ps.setBoolean(2, editable);
            });
        }
        audit.audit(new AuditEntry(clock.instant(), by, "portal-contacts-editable", "customer:" + customerId,
                String.valueOf(editable)));
    }

    // ------------------------------------------------------------------ plumbing

    private PortalUser requireUser(String name) {
        return find(name).orElseThrow(() -> new AccountException("no portal user '" + name + "'"));
    }

    private void audit(String actor, String action, String user, String detail) {
        audit.audit(new AuditEntry(clock.instant(), actor, action, "portal-user:" + user, detail));
    }

    // a valid hash of a random password, verified for unknown users
    private static final String DUMMY_HASH = new PasswordHasher().hash(Secrets.token().toCharArray());

    private record Row(PortalUser user, String hash) {
    }

    private int update(String statement, JdbcStatements.Binder binder) {
        return JdbcStatements.update(dataSource, statement, binder, FAILED);
    }

    private List<Row> query(String statement, JdbcStatements.Binder binder) {
        return JdbcStatements.query(dataSource, statement, binder, rs -> {
            String hash = rs.getString(6);
            long locked = rs.getLong(8);
            Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
            return new Row(new PortalUser(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getInt(7), lockedUntil, rs.getBoolean(9),
                    hash != null, Instant.ofEpochMilli(rs.getLong(10))), hash);
        }, FAILED);
    }

    private List<String> queryStrings(String statement, JdbcStatements.Binder binder) {
        return JdbcStatements.query(dataSource, statement, binder, rs -> rs.getString(1), FAILED);
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
