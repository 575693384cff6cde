/// A commented scenario to start writing from (`drill new scenario`): a need in each pillar,
/// a deadline, two injects and one prompt of every kind, with the needs that suit the kind
/// of incident. It lints clean as written, so an author changes a valid file, one key at a time.
public enum ScenarioSkeleton {
    /// Where the `yaml-language-server` line points editors for the format's JSON Schema: the
    /// repository's `schemas` folder, relative to a scenario in its `scenarios` folder.
    public static let schemaReference = "../schemas/scenario.schema.json"

    /// The skeleton for a scenario `id` of `kind`. `id` must already be a valid scenario id.
    public static func yaml(id: String, kind: ScenarioKind) -> String {
        let parts = Parts(kind)
        return """
        # yaml-language-server: $schema=\(schemaReference)
        # \(id).yaml: a new scenario. Every value below is a placeholder that lints clean; replace
        # each with the real incident's story and numbers. The format is in scenarios/README.md;
        # check it with `drill lint`, draw its branches with `drill scenarios graph \(id)`.
        # Durations: 45min, 48h, 30d, 12mo, 2y. Offsets after discovery: +0h, +2h, +1d.

        id: \(id)
        title: \(parts.title)
        kind: \(kind.rawValue)
        summary: >
          What happened, how it was found, and what the drill rehearses (for the facilitator).
        basedOn: The public incident this drill is grounded in, with its year.
        objectives:
          - \(parts.objective)
        onset: 30d                          # how long before discovery it began
        discovered: Saturday 23:40 UTC      # weekday, 24-hour time, IANA zone
        detectedBy: \(parts.detectedBy)
        # Optional: what the incident takes away (systems: app, platform-account, cloud-account,
        # source-control, ci, workstations, identity-provider, email-provider, support-tools, saas).
        # down: [cloud-account]
        # destroyed: []
        # compromised: []

        # What the team's preparedness must provide; `drill check` scores these without asking.
        needs:
          - id: \(parts.contact.id)
            pillar: contacts
            role: \(parts.contact.role)
            within: \(parts.contact.within)                      # how soon they must be reached
            why: \(parts.contact.why)
          - id: \(parts.logs.id)
            pillar: logs
            events: [\(parts.logs.events)]
            reachBack: onset                # the logs must reach back to the onset
            why: \(parts.logs.why)
          - id: \(parts.backup.id)
            pillar: backups
            asset: \(parts.backup.asset)
            restoreBefore: onset            # a restore must reach a point before the onset
            why: \(parts.backup.why)

        # Clocks that run from discovery; the needs listed push them when they are not met, and
        # the team's choices (an option's cost, a prompt's costIfIncorrect) push them in a drill.
        deadlines:
          - id: \(parts.deadline.id)
            title: \(parts.deadline.title)
            due: \(parts.deadline.due)
            takes: 2h                       # the work itself, when everything is in place
            needs: [\(parts.contact.id)]

        # The story, in file order unless a `next` or a prompt's branch says otherwise.
        injects:
          - id: first-signal
            at: +0h
            title: The first signal
            narrative: >
              What the team learns at discovery, in a few sentences.
            evidence:
              - source: where it comes from (an alert, a ticket, an email)
                excerpt: |
                  A synthetic log line, ticket or message, verbatim.
            consequences:
              - need: \(parts.logs.id)
                when: [unmet, partial]
                narrative: What the missing or short records mean at this point of the story.
            prompts:
              - id: first-step
                kind: single-choice
                question: What do you do first?
                options:
                  - { id: contain, text: Contain it now, correct: true }
                  - { id: wait, text: Wait for more evidence, next: later-evidence, cost: 6h }
                explanation: Why the expected answer is right.
              - id: whom-to-call
                kind: pick-contact
                question: Whom do you call first?
                expected: \(parts.contact.role)
                costIfIncorrect: 2h
                needs: [\(parts.contact.id)]
              - id: tell-customers
                kind: yes-no
                question: Do you tell customers today?
                expected: yes
                hint: What do they need to protect themselves?
              - id: hours-lost
                kind: estimate
                question: How many hours of data could be lost if you restored now?
                expected: 24
                tolerance: 6
                unit: hours
                needs: [\(parts.backup.id)]

          - id: later-evidence
            at: +6h
            title: More evidence
            narrative: >
              What the team learns later; a wrong choice above leads here sooner.
            prompts:
              - id: what-to-check
                kind: multiple-choice
                question: Which records do you pull first?
                options:
                  - { id: audit-log, text: The audit log, correct: true }
                  - { id: sign-ins, text: The sign-in history, correct: true }
                  - { id: dashboards, text: The marketing dashboards }
              - id: first-update
                kind: free-text
                question: Write the first update to management, in two sentences.
                expected: What happened, what is affected, what you are doing, when the next update is.
                role: communications

        """
    }

    /// The parts of the skeleton that differ by kind of incident.
    private struct Parts {
        struct ContactNeed { var id, role, within, why: String }
        struct LogNeed { var id, events, why: String }
        struct BackupNeed { var id, asset, why: String }
        struct DeadlinePart { var id, title, due: String }

        var title, objective, detectedBy: String
        var contact: ContactNeed
        var logs: LogNeed
        var backup: BackupNeed
        var deadline: DeadlinePart

        init(_ kind: ScenarioKind) {
            switch kind {
            case .dataExposure:
                title = "Customer data in the wrong hands"
                objective = "Tell the regulator within 72 hours, with what is known."
                detectedBy = "a customer"
                contact = ContactNeed(id: "legal-counsel", role: "legal-adviser", within: "24h",
                                      why: "Notification duties depend on what was taken and where the customers are.")
                logs = LogNeed(id: "access-trail", events: "data-access, authentication",
                               why: "Only the access records say whose data was read, and when.")
                backup = BackupNeed(id: "clean-data", asset: "customer-data",
                                    why: "Altered records are put right from a copy taken before the onset.")
                deadline = DeadlinePart(id: "regulator-told", title: "Regulator told", due: "72h")
            case .appCompromise:
                title = "An attacker inside the app"
                objective = "Reach the platform vendor's security team within 24 hours."
                detectedBy = "the platform vendor"
                contact = ContactNeed(id: "vendor-contact", role: "platform-vendor", within: "2h",
                                      why: "Only the vendor can revoke the app's access on the platform.")
                logs = LogNeed(id: "change-trail", events: "admin-actions, code-changes",
                               why: "The admin and code history show what the attacker changed.")
                backup = BackupNeed(id: "known-good-code", asset: "app-source-code",
                                    why: "A release is rebuilt from code as it was before the onset.")
                deadline = DeadlinePart(id: "vendor-told", title: "Platform vendor told", due: "24h")
            case .platformDegradation:
                title = "The service stops answering"
                objective = "Restore service for customers within 24 hours."
                detectedBy = "monitoring"
                contact = ContactNeed(id: "hosting-support", role: "hosting-provider", within: "1h",
                                      why: "Only the provider can say what failed underneath and when it returns.")
                logs = LogNeed(id: "fault-trail", events: "app-errors, startup-shutdown",
                               why: "Errors and restarts date the fault and show what it touched.")
                backup = BackupNeed(id: "restorable-data", asset: "customer-data",
                                    why: "Service returns from a copy taken before the fault.")
                deadline = DeadlinePart(id: "service-restored", title: "Service restored", due: "24h")
            }
        }
    }
}
