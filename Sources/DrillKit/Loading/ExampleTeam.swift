/// The embedded example team: used when no preparedness file is given, and written by
/// `drill init` as a commented template. Realistic, with a few deliberate gaps so that a
/// first `drill check` has something to say.
public enum ExampleTeam {
    /// The name shown when the example team is in use.
    public static let displayPath = "<embedded example team>"

    /// Where the `yaml-language-server` line points editors for the format's JSON Schema: the
    /// repository's `schemas` folder, relative to a preparedness.yaml at the repository's root.
    public static let schemaReference = "schemas/preparedness.schema.json"

    /// The example team as YAML, with comments that explain every field.
    public static let yaml = #"""
# yaml-language-server: $schema=\#(schemaReference)
# preparedness.yaml: what your team really has in place, for `drill check` and `drill run`.
#
# This is drill's example team. Replace every value with what your team has TODAY:
# a drill is only as honest as this file. Durations: 45min, 48h, 30d, 12mo, 2y.
# Dates: YYYY-MM-DD. Check it with `drill lint preparedness.yaml`.

team: Lighthouse Apps (example)

# Your own thresholds (optional). The guide's bar is 12 months for both.
policy:
  contactsConfirmedWithin: 12mo     # contact details older than this count as stale
  restoreTestedWithin: 12mo         # a restore not tested within this counts as untested

# How often you drill (optional; quarterly when left out). `drill due` counts the next
# drill from your last one, and `drill due --format ics` puts it in your calendar.
drills:
  every: 3mo                        # e.g. 2mo, 6w; from 1w to 24mo

# Systems, for the keys below that say which system a record covers or where it is kept:
# app (your own backend), platform-account (your account on the platform you sell on),
# cloud-account (the hosting console), source-control, ci, workstations, identity-provider,
# email-provider, support-tools (ticketing, CRM), saas (other third-party services).

# Whom you would call. Roles: incident-response-partner, legal-adviser, platform-vendor,
# internal-security-lead, law-enforcement, hosting-provider, communications, insurer,
# subcontractor (outsourced support, managed hosting, contractors with access).
contacts:
  - role: incident-response-partner
    name: Blue Harbor Security
    channels:                        # phone, email, portal, chat, pager, web, other
      - phone: "+44 20 7946 0321"
      - email: ir@blueharbor.example
    availability: Mon-Fri 09:00-17:30 Europe/London   # or 24x7
    responseTime: 2h                 # how soon they act once reached (retainer SLA)
    confirmed: 2026-05-12            # the day someone last checked these details, or never
    storedOffPlatform: true          # kept somewhere that survives the platform being down
    storedIn: [workstations, email-provider]   # optional: where the details are kept

  - role: legal-adviser
    name: Harrow & Finch LLP (data protection practice)
    channels:
      - phone: "+44 20 7946 0877"
      - email: breach@harrowfinch.example
    availability: Mon-Fri 09:00-18:00 Europe/London
    confirmed: 2025-02-03            # gap: stale, over 12 months old
    storedOffPlatform: true

  - role: platform-vendor
    name: Platform vendor security team (app security incident ticket)
    for: [platform-account]          # which systems or vendors they answer for (a platform
                                     # vendor's default; a hosting provider's is cloud-account)
    channels:
      - portal: https://support.platform.example/security-incident
      - email: security@platform.example
    escalation:                      # optional: a second route if the first stays silent
      - email: partner-manager@platform.example
    availability: 24x7
    confirmed: 2026-08-20
    storedOffPlatform: true

  - role: internal-security-lead
    name: Priya Natarajan
    channels:
      - pager: lighthouse-sec-oncall
      - phone: "+44 7700 900123"
    availability: 24x7
    confirmed: 2026-10-01
    storedOffPlatform: false         # gap: the on-call sheet lives in the wiki on the platform
    evidence: pagerduty:Lighthouse security on-call   # the schedule (PagerDuty API): 24x7 coverage

  - role: hosting-provider
    name: Cloud provider enterprise support
    for: [cloud-account]
    channels:
      - portal: https://console.cloud.example/support
    availability: 24x7
    responseTime: 1h
    confirmed: 2026-01-15
    storedOffPlatform: true

  - role: communications
    name: Tom Okafor
    channels:
      - phone: "+44 7700 900456"
      - email: tom.okafor@lighthouse.example
    availability: Mon-Fri 08:30-18:00 Europe/London
    confirmed: 2026-09-01
    storedOffPlatform: true
    evidence: review:Tom Okafor

  - role: subcontractor
    name: Tidewater Support (outsourced first-line support)
    channels:
      - email: soc@tidewater.example
    availability: Mon-Fri 08:00-20:00 Europe/London
    confirmed: 2026-03-04
    storedOffPlatform: true
    # reportsWithin: 72h             # gap: the contract says nothing about handing over
    findingsVisible: false           # forensic findings, and we cannot see their logs
  # gaps: no law-enforcement contact, no insurer

# What you log. Event classes: admin-actions, app-errors, code-changes, config-changes,
# startup-shutdown, data-access, log-access, authentication, api-usage, backup-jobs.
logs:
  - source: app-audit-log
    covers: [admin-actions, data-access]
    systems: [app]                   # whose events it records (default: app; the app's own
                                     # code and configuration changes count as the app's)
    timestamps: with-zone            # with-zone, without-zone or none
    retention: 30d                   # gap: the guide asks for at least 12 months
    storage: OpenSearch cluster on the hosting account
    storedIn: cloud-account          # where the entries live: a system, or separate-account
                                     # (an isolated log store); default: where they are produced
    restricted: true                 # only staff with a business need can read it
    accessRecorded: false            # gap: nobody records who reads the audit log
    review: automated                # automated, none, or every 24h (by hand)
    alertsOn: [data-access]          # automated review: what it alerts on (gap: admin actions
    alertsWithin: 15min              # are only on the dashboard), and how soon an alert lands
    evidence: cloudwatch:/lighthouse/app-audit   # the log group whose settings prove retention

  - source: cloud-audit-trail
    covers: [config-changes, startup-shutdown, authentication, log-access]
    systems: [app, cloud-account]
    timestamps: with-zone
    retention: 400d
    storage: Write-once log bucket in a separate security account
    storedIn: separate-account
    restricted: true
    accessRecorded: true
    review: automated
    alertsOn: [config-changes, startup-shutdown, authentication, log-access]
    alertsWithin: 5min
    evidence: [cloudwatch:/lighthouse/cloud-audit-trail, cloudtrail:lighthouse-org-trail]

  - source: github-audit-log
    covers: [code-changes]
    systems: [app, source-control]
    timestamps: with-zone
    retention: 180d
    storage: GitHub organisation audit log
    restricted: true
    accessRecorded: true
    review: none                     # gap: nobody looks at it

  - source: app-server-logs
    covers: [app-errors, api-usage]
    timestamps: without-zone         # gap: local server time, no zone
    retention: 14d
    storage: Log files on the app servers
    restricted: false
    accessRecorded: false
    review: every 72h
    evidence: path:evidence/app-server-logs   # a log folder (relative to this file): reach, zones, modes
  # gap: nothing records backup jobs

# What you can restore. Assets: app-source-code, configuration, customer-data, secrets,
# release-artifacts, customer-contacts. Kinds: version-control, snapshot, export.
backups:
  - asset: app-source-code
    kind: version-control
    location: GitHub organisation lighthouse-apps
    every: continuous                # continuous, or how often (24h)
    reachBack: unlimited             # how far back a restore can go (35d), or unlimited
    restoreTested: 2026-04-02        # the day a restore was last tested, or never
    offPlatform: true

  - asset: customer-data
    kind: snapshot
    location: Nightly database snapshots on the hosting account
    every: 24h
    reachBack: 35d
    restoreTested: never             # gap: never restored (once tested, write restoreTest:
                                     # {on: DATE, units: 1, took: 50min, parallel: 8})
    offPlatform: false
    storedIn: cloud-account          # optional: the system the copy is kept in
    monitored: false                 # gap: nobody is alerted when a snapshot job fails
    keys: production                 # separate, production or none (gap: same keys as prod)
    evidence: aws-backup:RDS         # restore jobs: the last one that passed is the real test

  - asset: configuration
    kind: export
    location: Weekly export to the security account bucket
    every: 7d
    reachBack: 90d
    restoreTested: 2025-06-10        # gap: over 12 months ago
    offPlatform: true

  - asset: release-artifacts
    kind: snapshot
    location: Container registry with immutable tags
    every: continuous
    reachBack: 180d
    restoreTested: 2026-07-01
    offPlatform: true

  - asset: customer-contacts
    kind: export
    location: Monthly CSV export of the marketplace's customer list, on the team drive
    every: 30d
    reachBack: 12mo
    restoreTested: 2026-09-15
    offPlatform: true
    storedIn: saas
  # gap: secrets and keys are not backed up outside the platform
"""#

    /// The example team, parsed.
    public static func profile() throws(LoadFailure) -> PreparednessProfile {
        try PreparednessProfile.load(yaml: yaml, displayPath: displayPath)
    }
}
