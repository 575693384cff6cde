-- A database written by drill before runs were sealed (schema v7, commit 9d6eab7): two runs of
-- the CLI tests' scenario, one finished, one paused. Made with that drill, then `sqlite3 FILE .dump`.
PRAGMA application_id = 1146243404;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1');
INSERT INTO grdb_migrations VALUES('v2-integrity');
INSERT INTO grdb_migrations VALUES('v3-review');
INSERT INTO grdb_migrations VALUES('v4-facilitation');
INSERT INTO grdb_migrations VALUES('v5-performance');
INSERT INTO grdb_migrations VALUES('v6-search-by-run');
INSERT INTO grdb_migrations VALUES('v7-search-after-answers');
CREATE TABLE run (
    id TEXT NOT NULL PRIMARY KEY,
    team TEXT NOT NULL,
    scenarioID TEXT NOT NULL,
    scenarioTitle TEXT NOT NULL,
    scenarioKind TEXT NOT NULL,
    mode TEXT NOT NULL,
    facilitator TEXT,
    status TEXT NOT NULL CHECK (status IN ('in-progress', 'paused', 'finished')),
    startedAt DATETIME NOT NULL,
    endedAt DATETIME,
    asOf TEXT NOT NULL,
    scenarioYAML TEXT NOT NULL,
    scenarioHash TEXT NOT NULL,
    preparednessYAML TEXT NOT NULL,
    preparednessHash TEXT NOT NULL,
    preparednessSource TEXT NOT NULL,
    overallScore INTEGER,
    scoreJSON TEXT
, headHash TEXT);
INSERT INTO run VALUES('20261130-4pav','Lighthouse Apps (example)','drill-test','A drill for tests','data-exposure','drill',NULL,'finished','2026-11-30 14:44:12.797','2026-11-30 14:44:12.853','2026-11-30',replace('id: drill-test\ntitle: A drill for tests\nkind: data-exposure\nsummary: A short drill with every prompt kind.\nonset: 40d\ndiscovered: Saturday 23:40 UTC\nneeds:\n  - { id: partner, pillar: contacts, role: incident-response-partner }\n  - { id: trail, pillar: logs, events: [admin-actions] }\ndeadlines:\n  - { id: vendor, title: Vendor told, due: 24h, takes: 2h }\ninjects:\n  - id: one\n    at: +0h\n    title: First signs\n    narrative: Odd exports in the audit log.\n    evidence:\n      - source: audit log\n        excerpt: "2026-11-28T23:12:09Z admin=svc-ci action=export tenant=t-0042"\n    prompts:\n      - id: first\n        kind: single-choice\n        question: What now?\n        hint: Think evidence.\n        options:\n          - { id: contain, text: Contain and preserve, correct: true }\n          - { id: wipe, text: Wipe the server }\n      - { id: call, kind: pick-contact, question: Whom do you call?, expected: incident-response-partner }\n  - id: two\n    at: +2h\n    title: More\n    narrative: It spreads.\n    prompts:\n      - { id: notify, kind: yes-no, question: Tell the vendor now?, expected: yes }\n      - { id: days, kind: estimate, question: How many days back?, expected: 40, tolerance: 2, unit: days }\n  - id: three\n    at: +6h\n    title: Wrap-up\n    narrative: Time to tell customers.\n    prompts:\n      - { id: notice, kind: free-text, question: What do you tell customers? }\n      - { id: steps, kind: multiple-choice, question: Which steps?, options: [{ id: a, text: Rotate keys, correct: true }, { id: b, text: Blame the intern }, { id: c, text: Review logs, correct: true }] }\n\n','\n',char(10)),'b60534ef4987a6365832b6b5d17896045c3a1a48dc2269bb00b68a2046fe18f3',replace('# preparedness.yaml: what your team really has in place, for `drill check` and `drill run`.\n#\n# This is drill''s example team. Replace every value with what your team has TODAY:\n# a drill is only as honest as this file. Durations: 45min, 48h, 30d, 12mo, 2y.\n# Dates: YYYY-MM-DD. Check it with `drill lint preparedness.yaml`.\n\nteam: Lighthouse Apps (example)\n\n# Your own thresholds (optional). The guide''s bar is 12 months for both.\npolicy:\n  contactsConfirmedWithin: 12mo     # contact details older than this count as stale\n  restoreTestedWithin: 12mo         # a restore not tested within this counts as untested\n\n# Whom you would call. Roles: incident-response-partner, legal-adviser, platform-vendor,\n# internal-security-lead, law-enforcement, hosting-provider, communications, insurer.\ncontacts:\n  - role: incident-response-partner\n    name: Blue Harbor Security\n    channels:                        # phone, email, portal, chat, pager, web, other\n      - phone: "+44 20 7946 0321"\n      - email: ir@blueharbor.example\n    availability: Mon-Fri 09:00-17:30 Europe/London   # or 24x7\n    responseTime: 2h                 # how soon they act once reached (retainer SLA)\n    confirmed: 2026-05-12            # the day someone last checked these details, or never\n    storedOffPlatform: true          # kept somewhere that survives the platform being down\n\n  - role: legal-adviser\n    name: Harrow & Finch LLP (data protection practice)\n    channels:\n      - phone: "+44 20 7946 0877"\n      - email: breach@harrowfinch.example\n    availability: Mon-Fri 09:00-18:00 Europe/London\n    confirmed: 2025-02-03            # gap: stale, over 12 months old\n    storedOffPlatform: true\n\n  - role: platform-vendor\n    name: Platform vendor security team (app security incident ticket)\n    channels:\n      - portal: https://support.platform.example/security-incident\n      - email: security@platform.example\n    availability: 24x7\n    confirmed: 2026-08-20\n    storedOffPlatform: true\n\n  - role: internal-security-lead\n    name: Priya Natarajan\n    channels:\n      - pager: lighthouse-sec-oncall\n      - phone: "+44 7700 900123"\n    availability: 24x7\n    confirmed: 2026-10-01\n    storedOffPlatform: false         # gap: the on-call sheet lives in the wiki on the platform\n\n  - role: hosting-provider\n    name: Cloud provider enterprise support\n    channels:\n      - portal: https://console.cloud.example/support\n    availability: 24x7\n    responseTime: 1h\n    confirmed: 2026-01-15\n    storedOffPlatform: true\n\n  - role: communications\n    name: Tom Okafor\n    channels:\n      - phone: "+44 7700 900456"\n      - email: tom.okafor@lighthouse.example\n    availability: Mon-Fri 08:30-18:00 Europe/London\n    confirmed: 2026-09-01\n    storedOffPlatform: true\n  # gaps: no law-enforcement contact, no insurer\n\n# What you log. Event classes: admin-actions, app-errors, code-changes, config-changes,\n# startup-shutdown, data-access, log-access, authentication, api-usage, backup-jobs.\nlogs:\n  - source: app-audit-log\n    covers: [admin-actions, data-access]\n    timestamps: with-zone            # with-zone, without-zone or none\n    retention: 30d                   # gap: the guide asks for at least 12 months\n    storage: OpenSearch cluster on the hosting account\n    restricted: true                 # only staff with a business need can read it\n    accessRecorded: false            # gap: nobody records who reads the audit log\n    review: automated                # automated, none, or every 24h (by hand)\n\n  - source: cloud-audit-trail\n    covers: [config-changes, startup-shutdown, authentication, log-access]\n    timestamps: with-zone\n    retention: 400d\n    storage: Write-once log bucket in a separate security account\n    restricted: true\n    accessRecorded: true\n    review: automated\n\n  - source: github-audit-log\n    covers: [code-changes]\n    timestamps: with-zone\n    retention: 180d\n    storage: GitHub organisation audit log\n    restricted: true\n    accessRecorded: true\n    review: none                     # gap: nobody looks at it\n\n  - source: app-server-logs\n    covers: [app-errors, api-usage]\n    timestamps: without-zone         # gap: local server time, no zone\n    retention: 14d\n    storage: Log files on the app servers\n    restricted: false\n    accessRecorded: false\n    review: every 72h\n  # gap: nothing records backup jobs\n\n# What you can restore. Assets: app-source-code, configuration, customer-data, secrets,\n# release-artifacts. Kinds: version-control, snapshot, export.\nbackups:\n  - asset: app-source-code\n    kind: version-control\n    location: GitHub organisation lighthouse-apps\n    every: continuous                # continuous, or how often (24h)\n    reachBack: unlimited             # how far back a restore can go (35d), or unlimited\n    restoreTested: 2026-04-02        # the day a restore was last tested, or never\n    offPlatform: true\n\n  - asset: customer-data\n    kind: snapshot\n    location: Nightly database snapshots on the hosting account\n    every: 24h\n    reachBack: 35d\n    restoreTested: never             # gap: never restored\n    offPlatform: false\n\n  - asset: configuration\n    kind: export\n    location: Weekly export to the security account bucket\n    every: 7d\n    reachBack: 90d\n    restoreTested: 2025-06-10        # gap: over 12 months ago\n    offPlatform: true\n\n  - asset: release-artifacts\n    kind: snapshot\n    location: Container registry with immutable tags\n    every: continuous\n    reachBack: 180d\n    restoreTested: 2026-07-01\n    offPlatform: true\n  # gap: secrets and keys are not backed up outside the platform','\n',char(10)),'7103d7141309d276a2240a3ae9adeedc073bb7dbedaceaeea36a59628cffb347','<embedded example team>',78,'{"backups":100,"contacts":50,"deadlinesMet":1,"deadlinesTotal":1,"logs":0,"overall":78,"responsePoints":50,"responsePossible":50}','5e9e180ca48f8a94473c109bc89b9ac488b25070967299e4b1c6e3edb608d391');
INSERT INTO run VALUES('20261130-mtoi','Lighthouse Apps (example)','drill-test','A drill for tests','data-exposure','drill','Ana','paused','2026-11-30 14:44:12.933',NULL,'2026-11-30',replace('id: drill-test\ntitle: A drill for tests\nkind: data-exposure\nsummary: A short drill with every prompt kind.\nonset: 40d\ndiscovered: Saturday 23:40 UTC\nneeds:\n  - { id: partner, pillar: contacts, role: incident-response-partner }\n  - { id: trail, pillar: logs, events: [admin-actions] }\ndeadlines:\n  - { id: vendor, title: Vendor told, due: 24h, takes: 2h }\ninjects:\n  - id: one\n    at: +0h\n    title: First signs\n    narrative: Odd exports in the audit log.\n    evidence:\n      - source: audit log\n        excerpt: "2026-11-28T23:12:09Z admin=svc-ci action=export tenant=t-0042"\n    prompts:\n      - id: first\n        kind: single-choice\n        question: What now?\n        hint: Think evidence.\n        options:\n          - { id: contain, text: Contain and preserve, correct: true }\n          - { id: wipe, text: Wipe the server }\n      - { id: call, kind: pick-contact, question: Whom do you call?, expected: incident-response-partner }\n  - id: two\n    at: +2h\n    title: More\n    narrative: It spreads.\n    prompts:\n      - { id: notify, kind: yes-no, question: Tell the vendor now?, expected: yes }\n      - { id: days, kind: estimate, question: How many days back?, expected: 40, tolerance: 2, unit: days }\n  - id: three\n    at: +6h\n    title: Wrap-up\n    narrative: Time to tell customers.\n    prompts:\n      - { id: notice, kind: free-text, question: What do you tell customers? }\n      - { id: steps, kind: multiple-choice, question: Which steps?, options: [{ id: a, text: Rotate keys, correct: true }, { id: b, text: Blame the intern }, { id: c, text: Review logs, correct: true }] }\n\n','\n',char(10)),'b60534ef4987a6365832b6b5d17896045c3a1a48dc2269bb00b68a2046fe18f3',replace('# preparedness.yaml: what your team really has in place, for `drill check` and `drill run`.\n#\n# This is drill''s example team. Replace every value with what your team has TODAY:\n# a drill is only as honest as this file. Durations: 45min, 48h, 30d, 12mo, 2y.\n# Dates: YYYY-MM-DD. Check it with `drill lint preparedness.yaml`.\n\nteam: Lighthouse Apps (example)\n\n# Your own thresholds (optional). The guide''s bar is 12 months for both.\npolicy:\n  contactsConfirmedWithin: 12mo     # contact details older than this count as stale\n  restoreTestedWithin: 12mo         # a restore not tested within this counts as untested\n\n# Whom you would call. Roles: incident-response-partner, legal-adviser, platform-vendor,\n# internal-security-lead, law-enforcement, hosting-provider, communications, insurer.\ncontacts:\n  - role: incident-response-partner\n    name: Blue Harbor Security\n    channels:                        # phone, email, portal, chat, pager, web, other\n      - phone: "+44 20 7946 0321"\n      - email: ir@blueharbor.example\n    availability: Mon-Fri 09:00-17:30 Europe/London   # or 24x7\n    responseTime: 2h                 # how soon they act once reached (retainer SLA)\n    confirmed: 2026-05-12            # the day someone last checked these details, or never\n    storedOffPlatform: true          # kept somewhere that survives the platform being down\n\n  - role: legal-adviser\n    name: Harrow & Finch LLP (data protection practice)\n    channels:\n      - phone: "+44 20 7946 0877"\n      - email: breach@harrowfinch.example\n    availability: Mon-Fri 09:00-18:00 Europe/London\n    confirmed: 2025-02-03            # gap: stale, over 12 months old\n    storedOffPlatform: true\n\n  - role: platform-vendor\n    name: Platform vendor security team (app security incident ticket)\n    channels:\n      - portal: https://support.platform.example/security-incident\n      - email: security@platform.example\n    availability: 24x7\n    confirmed: 2026-08-20\n    storedOffPlatform: true\n\n  - role: internal-security-lead\n    name: Priya Natarajan\n    channels:\n      - pager: lighthouse-sec-oncall\n      - phone: "+44 7700 900123"\n    availability: 24x7\n    confirmed: 2026-10-01\n    storedOffPlatform: false         # gap: the on-call sheet lives in the wiki on the platform\n\n  - role: hosting-provider\n    name: Cloud provider enterprise support\n    channels:\n      - portal: https://console.cloud.example/support\n    availability: 24x7\n    responseTime: 1h\n    confirmed: 2026-01-15\n    storedOffPlatform: true\n\n  - role: communications\n    name: Tom Okafor\n    channels:\n      - phone: "+44 7700 900456"\n      - email: tom.okafor@lighthouse.example\n    availability: Mon-Fri 08:30-18:00 Europe/London\n    confirmed: 2026-09-01\n    storedOffPlatform: true\n  # gaps: no law-enforcement contact, no insurer\n\n# What you log. Event classes: admin-actions, app-errors, code-changes, config-changes,\n# startup-shutdown, data-access, log-access, authentication, api-usage, backup-jobs.\nlogs:\n  - source: app-audit-log\n    covers: [admin-actions, data-access]\n    timestamps: with-zone            # with-zone, without-zone or none\n    retention: 30d                   # gap: the guide asks for at least 12 months\n    storage: OpenSearch cluster on the hosting account\n    restricted: true                 # only staff with a business need can read it\n    accessRecorded: false            # gap: nobody records who reads the audit log\n    review: automated                # automated, none, or every 24h (by hand)\n\n  - source: cloud-audit-trail\n    covers: [config-changes, startup-shutdown, authentication, log-access]\n    timestamps: with-zone\n    retention: 400d\n    storage: Write-once log bucket in a separate security account\n    restricted: true\n    accessRecorded: true\n    review: automated\n\n  - source: github-audit-log\n    covers: [code-changes]\n    timestamps: with-zone\n    retention: 180d\n    storage: GitHub organisation audit log\n    restricted: true\n    accessRecorded: true\n    review: none                     # gap: nobody looks at it\n\n  - source: app-server-logs\n    covers: [app-errors, api-usage]\n    timestamps: without-zone         # gap: local server time, no zone\n    retention: 14d\n    storage: Log files on the app servers\n    restricted: false\n    accessRecorded: false\n    review: every 72h\n  # gap: nothing records backup jobs\n\n# What you can restore. Assets: app-source-code, configuration, customer-data, secrets,\n# release-artifacts. Kinds: version-control, snapshot, export.\nbackups:\n  - asset: app-source-code\n    kind: version-control\n    location: GitHub organisation lighthouse-apps\n    every: continuous                # continuous, or how often (24h)\n    reachBack: unlimited             # how far back a restore can go (35d), or unlimited\n    restoreTested: 2026-04-02        # the day a restore was last tested, or never\n    offPlatform: true\n\n  - asset: customer-data\n    kind: snapshot\n    location: Nightly database snapshots on the hosting account\n    every: 24h\n    reachBack: 35d\n    restoreTested: never             # gap: never restored\n    offPlatform: false\n\n  - asset: configuration\n    kind: export\n    location: Weekly export to the security account bucket\n    every: 7d\n    reachBack: 90d\n    restoreTested: 2025-06-10        # gap: over 12 months ago\n    offPlatform: true\n\n  - asset: release-artifacts\n    kind: snapshot\n    location: Container registry with immutable tags\n    every: continuous\n    reachBack: 180d\n    restoreTested: 2026-07-01\n    offPlatform: true\n  # gap: secrets and keys are not backed up outside the platform','\n',char(10)),'7103d7141309d276a2240a3ae9adeedc073bb7dbedaceaeea36a59628cffb347','<embedded example team>',NULL,NULL,'45184252ae1f44f92aa92e875ca17c932e6582b8524b630a0504276277cf2576');
CREATE TABLE participant (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    position INTEGER NOT NULL
);
INSERT INTO participant VALUES(1,'20261130-4pav','Priya','commander',0);
INSERT INTO participant VALUES(2,'20261130-mtoi','Kim','scribe',0);
CREATE TABLE event (
    runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    kind TEXT NOT NULL,
    simulatedHours REAL NOT NULL,
    recordedAt DATETIME NOT NULL,
    injectID TEXT,
    promptID TEXT,
    deadlineID TEXT,
    needID TEXT,
    actor TEXT,
    text TEXT NOT NULL,
    answer TEXT,
    points INTEGER,
    maxPoints INTEGER,
    met BOOLEAN,
    delayHours REAL, hash TEXT, seconds REAL,
    PRIMARY KEY (runID, seq)
);
INSERT INTO event VALUES('20261130-4pav',1,'inject',0.0,'2026-11-30 14:44:12.821','one',NULL,NULL,NULL,NULL,'First signs',NULL,NULL,NULL,NULL,NULL,'6a54c1aedde4ee43964a4f00422239aa392d380d3c1d6bbee7d61ca1b647b31d',NULL);
INSERT INTO event VALUES('20261130-4pav',2,'prompt',0.0,'2026-11-30 14:44:12.821','one','first',NULL,NULL,NULL,'What now?',NULL,NULL,NULL,NULL,NULL,'1a5ce61eb49318ce304a6a358f7950a901cf34c9e0657676f713968b03944cf0',NULL);
INSERT INTO event VALUES('20261130-4pav',3,'answer',0.0,'2026-11-30 14:44:12.829','one','first',NULL,NULL,'Priya','Contain and preserve','contain',10,10,1,NULL,'ef757494d2dcac55cded4abd19d1a8f9dd58daa6e22a100d01713c102d70acf8',NULL);
INSERT INTO event VALUES('20261130-4pav',4,'prompt',0.0,'2026-11-30 14:44:12.829','one','call',NULL,NULL,NULL,'Whom do you call?',NULL,NULL,NULL,NULL,NULL,'6a5bb23130058035cb0e1c105a74cb7483948ff549a975f3bb22363df01d6105',NULL);
INSERT INTO event VALUES('20261130-4pav',5,'answer',0.0,'2026-11-30 14:44:12.833','one','call',NULL,NULL,'Priya','Blue Harbor Security (incident-response partner)','contact:1',10,10,1,NULL,'677cc318416f678f6f0ae0a673f32da994c83527cc775cf2ed907340d12289f7',NULL);
INSERT INTO event VALUES('20261130-4pav',6,'consequence',0.0,'2026-11-30 14:44:12.833','one','call',NULL,NULL,NULL,'You call Blue Harbor Security (Mon-Fri 09:00-17:30 Europe/London). It is Saturday 23:40 UTC; they answer Monday 09:00 Europe/London (+33 h 20 min).',NULL,NULL,NULL,NULL,NULL,'1856783cc2dc9ecb2bd5f3e0b2408ca3974671cc485ebb2499dccc56bd2c1e67',NULL);
INSERT INTO event VALUES('20261130-4pav',7,'inject',2.0,'2026-11-30 14:44:12.833','two',NULL,NULL,NULL,NULL,'More',NULL,NULL,NULL,NULL,NULL,'b94b3e59473b3c59785f336ee9f2a3e51d4fcbe03894efe812ef2e17a4558095',NULL);
INSERT INTO event VALUES('20261130-4pav',8,'prompt',2.0,'2026-11-30 14:44:12.833','two','notify',NULL,NULL,NULL,'Tell the vendor now?',NULL,NULL,NULL,NULL,NULL,'94b2e1ac2100171998a71303e1eeb6dec83af7aa386d1f06128ca69e5edb14fc',NULL);
INSERT INTO event VALUES('20261130-4pav',9,'answer',2.0,'2026-11-30 14:44:12.837','two','notify',NULL,NULL,'Priya','Yes','yes',10,10,1,NULL,'b7fc7dffc2f135fcb8144b2a79d5a61d7cb1f83eb012cfec7802da63ea17a028',NULL);
INSERT INTO event VALUES('20261130-4pav',10,'prompt',2.0,'2026-11-30 14:44:12.837','two','days',NULL,NULL,NULL,'How many days back?',NULL,NULL,NULL,NULL,NULL,'f61e1d32cd973417c66b29c3ea0f490f116bbf0fcc070a4a5b3aecef5b026472',NULL);
INSERT INTO event VALUES('20261130-4pav',11,'answer',2.0,'2026-11-30 14:44:12.840','two','days',NULL,NULL,'Priya','40 days','40',10,10,1,NULL,'4df5e5858648f84502aba3671a442a1f95cdb4f737a8b5ed19d9f373b9acbe3b',NULL);
INSERT INTO event VALUES('20261130-4pav',12,'inject',6.0,'2026-11-30 14:44:12.840','three',NULL,NULL,NULL,NULL,'Wrap-up',NULL,NULL,NULL,NULL,NULL,'319622b20bade83154a44de7dedc381acfc356aee0ba3b991cec8dcff2fec90a',NULL);
INSERT INTO event VALUES('20261130-4pav',13,'prompt',6.0,'2026-11-30 14:44:12.840','three','notice',NULL,NULL,NULL,'What do you tell customers?',NULL,NULL,NULL,NULL,NULL,'91df49e69be2821edb3530aa8d1ea861fec2aa5736237bab9714f8b4682f9269',NULL);
INSERT INTO event VALUES('20261130-4pav',14,'answer',6.0,'2026-11-30 14:44:12.845','three','notice',NULL,NULL,'Priya','We found and fixed it.','We found and fixed it.',NULL,NULL,NULL,NULL,'7abdddc29278131628eba278dde54621fb899eaa9fd18862ea6c621004ec1d62',NULL);
INSERT INTO event VALUES('20261130-4pav',15,'prompt',6.0,'2026-11-30 14:44:12.845','three','steps',NULL,NULL,NULL,'Which steps?',NULL,NULL,NULL,NULL,NULL,'208b2a286ddf0542676074767e79978bc4fc90d5aa4a36664249ba88f0ad5d70',NULL);
INSERT INTO event VALUES('20261130-4pav',16,'answer',6.0,'2026-11-30 14:44:12.849','three','steps',NULL,NULL,'Priya','Rotate keys; Review logs','a,c',10,10,1,NULL,'a0282576e4dae146f6e148e46d25d7d66d8f129a5f519688d586a60716fe03a5',NULL);
INSERT INTO event VALUES('20261130-4pav',17,'deadline',2.0,'2026-11-30 14:44:12.849',NULL,NULL,'vendor',NULL,NULL,'Deadline met: Vendor told, due T+24:00, done at T+02:00.',NULL,NULL,NULL,1,NULL,'1324695e706f97897d16184685d33dad57a2810b912e11904ce64b8f319d3e1a',NULL);
INSERT INTO event VALUES('20261130-4pav',18,'ended',6.0,'2026-11-30 14:44:12.849',NULL,NULL,NULL,NULL,NULL,'The drill is over at T+06:00: 3 injects, 1 of 1 deadlines met.',NULL,NULL,NULL,NULL,NULL,'5e9e180ca48f8a94473c109bc89b9ac488b25070967299e4b1c6e3edb608d391',NULL);
INSERT INTO event VALUES('20261130-mtoi',1,'inject',0.0,'2026-11-30 14:44:12.953','one',NULL,NULL,NULL,NULL,'First signs',NULL,NULL,NULL,NULL,NULL,'bdb373578e774a7fb4f176f951c479485e0681cffe783f31dbac5f7a85d2ff90',NULL);
INSERT INTO event VALUES('20261130-mtoi',2,'prompt',0.0,'2026-11-30 14:44:12.953','one','first',NULL,NULL,NULL,'What now?',NULL,NULL,NULL,NULL,NULL,'75edabda631ba76f54a18337d0fcbeb3182b3012bab0a482cdecc2da472159e1',NULL);
INSERT INTO event VALUES('20261130-mtoi',3,'answer',0.0,'2026-11-30 14:44:12.965','one','first',NULL,NULL,'Kim','Contain and preserve','contain',10,10,1,NULL,'fcc0cb023cf28dcb91a1cf14649babc9a0c8bfb216cec385391bf27517903f16',NULL);
INSERT INTO event VALUES('20261130-mtoi',4,'prompt',0.0,'2026-11-30 14:44:12.965','one','call',NULL,NULL,NULL,'Whom do you call?',NULL,NULL,NULL,NULL,NULL,'669cf535c5e11a07bb3dad24d1df1c3e093d1c1798510ca854944ef6a162d7e1',NULL);
INSERT INTO event VALUES('20261130-mtoi',5,'answer',0.0,'2026-11-30 14:44:12.973','one','call',NULL,NULL,'Kim','Blue Harbor Security (incident-response partner)','contact:1',10,10,1,NULL,'2de81cc3da229494e15652b0eae83804cf11eb1d35ceb40c95f7f3c74b07797c',NULL);
INSERT INTO event VALUES('20261130-mtoi',6,'consequence',0.0,'2026-11-30 14:44:12.973','one','call',NULL,NULL,NULL,'You call Blue Harbor Security (Mon-Fri 09:00-17:30 Europe/London). It is Saturday 23:40 UTC; they answer Monday 09:00 Europe/London (+33 h 20 min).',NULL,NULL,NULL,NULL,NULL,'65e2df2c8d17706476fc8950cf61b600e448d73f873310bfed38bed806b4b46b',NULL);
INSERT INTO event VALUES('20261130-mtoi',7,'inject',2.0,'2026-11-30 14:44:12.973','two',NULL,NULL,NULL,NULL,'More',NULL,NULL,NULL,NULL,NULL,'136bf62416884b25869970e45053a431e26f94a707f81764ea02ce5d376f3f8d',NULL);
INSERT INTO event VALUES('20261130-mtoi',8,'prompt',2.0,'2026-11-30 14:44:12.973','two','notify',NULL,NULL,NULL,'Tell the vendor now?',NULL,NULL,NULL,NULL,NULL,'0b521b1f36687c15acf7f42f63a53ce77ee4f4015afd73ec8c125b2dd2558271',NULL);
INSERT INTO event VALUES('20261130-mtoi',9,'paused',2.0,'2026-11-30 14:44:12.977',NULL,NULL,NULL,NULL,NULL,'paused: end of input',NULL,NULL,NULL,NULL,NULL,'45184252ae1f44f92aa92e875ca17c932e6582b8524b630a0504276277cf2576',NULL);
CREATE TABLE finding (
    runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    needID TEXT NOT NULL,
    position INTEGER NOT NULL,
    pillar TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    delayHours REAL NOT NULL,
    evidenceLossHours REAL NOT NULL,
    fix TEXT,
    PRIMARY KEY (runID, needID)
);
INSERT INTO finding VALUES('20261130-4pav','partner',0,'contacts','partial','Blue Harbor Security is reachable Mon-Fri 09:00-17:30 Europe/London; called Saturday 23:40 UTC (T+0h), they answer Monday 09:00 Europe/London (+33 h 20 min) and respond 2 h later; the scenario needs them within 4 h.',35.3333333333333357,0.0,'contacts[incident-response-partner]');
INSERT INTO finding VALUES('20261130-4pav','trail',1,'logs','unmet','app-audit-log keeps admin actions for 30 days; the intrusion began 40 days before discovery, so the first 10 days are already gone at discovery. app-audit-log (OpenSearch cluster on the hosting account) records no access to itself, so its record of admin actions can be challenged or quietly altered.',24.0,408.0,'logs[app-audit-log]');
INSERT INTO finding VALUES('20261130-mtoi','partner',0,'contacts','partial','Blue Harbor Security is reachable Mon-Fri 09:00-17:30 Europe/London; called Saturday 23:40 UTC (T+0h), they answer Monday 09:00 Europe/London (+33 h 20 min) and respond 2 h later; the scenario needs them within 4 h.',35.3333333333333357,0.0,'contacts[incident-response-partner]');
INSERT INTO finding VALUES('20261130-mtoi','trail',1,'logs','unmet','app-audit-log keeps admin actions for 30 days; the intrusion began 40 days before discovery, so the first 10 days are already gone at discovery. app-audit-log (OpenSearch cluster on the hosting account) records no access to itself, so its record of admin actions can be challenged or quietly altered.',24.0,408.0,'logs[app-audit-log]');
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at DATETIME NOT NULL,
    action TEXT NOT NULL,
    runID TEXT,
    detail TEXT NOT NULL,
    user TEXT NOT NULL,
    host TEXT NOT NULL
);
INSERT INTO audit VALUES(1,'2026-11-30 14:44:12.808','run.started','20261130-4pav','drill of drill-test for Lighthouse Apps (example)','root','vm');
INSERT INTO audit VALUES(2,'2026-11-30 14:44:12.854','run.finished','20261130-4pav','overall 78/100','root','vm');
INSERT INTO audit VALUES(3,'2026-11-30 14:44:12.941','run.started','20261130-mtoi','drill of drill-test for Lighthouse Apps (example)','root','vm');
INSERT INTO audit VALUES(4,'2026-11-30 14:44:12.990','run.paused','20261130-mtoi','','root','vm');
CREATE TABLE improvementItem (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team TEXT NOT NULL,
    scenarioID TEXT NOT NULL,
    needID TEXT NOT NULL,
    openedRunID TEXT NOT NULL,
    pillar TEXT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT,
    dueDate TEXT,
    UNIQUE (team, scenarioID, needID, openedRunID)
);
INSERT INTO improvementItem VALUES(1,'Lighthouse Apps (example)','drill-test','partner','20261130-4pav','contacts','Make the incident-response partner reachable within 4 h of a call at discovery (Saturday 23:40 UTC): confirm their details at least every 12 months, and agree cover outside their hours if they keep office hours.',NULL,NULL);
INSERT INTO improvementItem VALUES(2,'Lighthouse Apps (example)','drill-test','trail','20261130-4pav','logs','Record admin actions with time-zoned timestamps and keep them at least 47 days (40 days of history plus 7 days of investigation), in restricted storage that records who reads it.',NULL,NULL);
CREATE TABLE checkClosure (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team TEXT NOT NULL,
    scenarioID TEXT NOT NULL,
    needID TEXT NOT NULL,
    checkedAt DATETIME NOT NULL,
    reason TEXT NOT NULL
);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','searchIndex','searchIndex',0,'CREATE VIRTUAL TABLE searchIndex USING fts5(
    runID UNINDEXED, seq UNINDEXED, needID UNINDEXED, text, answer, actor,
    tokenize = ''porter unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'searchIndex_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO searchIndex_data VALUES(1,X'1f000000825f0f08');
INSERT INTO searchIndex_data VALUES(10,X'000000000106060006010101020101030101040101050101060101');
INSERT INTO searchIndex_data VALUES(137438953473,X'0000017e03303030010801030a12020139010801030912020168010601031501023137010601030b0101320106010323020130010601031f020133010601031101023330010601030c020133010601031d010134010601032b02013001060103120103616e64010601032103047377657201060103170104626c75650106010302010463616c6c010601030f01056575726f70010801030d1001036672690106010308010168010a01031e080a02056172626f72010601030301026973010601030501056c61746572010601032502056f6e646f6e010801030e1001036d696e010601032002026f6e01060103070403646169010601031801046e65656401060103280108726561636861626c0106010306030573706f6e640106010322010873617475726461690106010310020763656e6172696f010601032702046563757201060103040101740106010314020268650106010326040169010601031604016d010601032901037574630106010313010677697468696e010601032a040a090809080808090808080a0b0b0b0d0a0a0c090c0d0a090a0b0f0c0f0e0b080908080a');
INSERT INTO searchIndex_data VALUES(274877906945,X'000001b703303130020601031501023330020601030901023430020601030e0106616363657373020601032704046f756e740206010324030474696f6e02080103072a0204646d696e02080103062a02066c72656164690206010318030374657202060103350202707002080103021c0201720206010317020174020601031a02047564697402080103031c0102626502060103310303666f720206010310030367616e020601030d010363616e0206010330020768616c6c656e67020601033202066c757374657202060103200103646169020a01030a070902086973636f7665726902080103110c01056669727374020601031402026f7202060103080104676f6e6502060103190104686f737402060103230106696e74727573020601030c020174020601032b030473656c66020601032901046b656570020601030501036c6f6702080103041c01026e6f020601032601026f66020601032d02016e0206010321020970656e736561726368020601031f0201720206010333010771756965746c69020601033401067265636f72640208010325090102736f02080103121a0103746865020a01030b0a1102016f0206010328040909090d0b0c0c0d0a0a08080c090a0a0a0e0d0c100c090b0b0d080b0b0b09090810080e0e0a0c');
INSERT INTO searchIndex_data VALUES(412316860417,X'000003ba03303030080801030a110b08010309070106010309020132130601030d020136140601030802013908080103091101013107060104030d0801030c04020137080601030b01023230080601031e02013308060103120201341306010308010133140601030a020130080601030c020133080601031c010234300806010313050c010302010402010161120601040202026e6405060103030b0c0103040104040304737765720806010316020174130601030b010601030601046261636b0c0601030502036c75650706010302010601030401016312060104030203616c6c0606010305020601030302066f6e7461637407060104020602696e050c01030201040202057573746f6d0f0601030601036461690c06010304010601030302066561646c696e1306010302010601030f02016f0606010303090601030303026e65130601030a020472696c6c140601030302027565130601030601056575726f70080801030d0f010566697273740306010302030178100c01030501040502046f756e64100c010303010403020272690806010308010168080601031d02056172626f720706010303010601030502026f770c060103020105696e636964070601030503046a656374140601030b02017308060103100c06010304020174080601030f080c01030601040601036b6569120601030301036c6f67120601030503046e646f6e080801030e0f01046d616e690c0601030302026574130601030301060103100202696e080601031f02026f6e08060103070403646169080601031703027265090601030201036e6f770406010303060601030501026f66140601030d020376657214060103050107706172746e657207060103070206726573657276050601030403036979610506010502020601050204060105020206010502030601050202060105020107726573706f6e730706010306030476696577120601030402046f746174120601030201087361747572646169080601031102046563757207060103040106010306020369676e03060103030203746570110601030301017413080103070701060103070203656c6c0a060103020506010305020268650a060103030a06010302040169080601031502036f6c641306010305010275700e06010303020274630806010314010676656e646f720a06010304090601030401027765100c010302010402020368617404060103020b060103020303696368110601030203026f6d060601030202037261700e06010302010279650b0c01030201040202026f7506060103040206010302070601030404150808090e080908080808081108110b0d0b0f080f0d0c0c0f120d090b090d0c0b0e090811090c0b0d100a0a0c0b0e09090a090f090a0e0d230e0b0b0f100a0a0e0f0e080a0909120c0f0a090a0c');
INSERT INTO searchIndex_data VALUES(549755813889,X'0000017e03303030150801030a12020139150801030912020168150601031501023137150601030b0101321506010323020130150601031f020133150601031101023330150601030c020133150601031d010134150601032b02013015060103120103616e64150601032103047377657215060103170104626c75651506010302010463616c6c150601030f01056575726f70150801030d1001036672691506010308010168150a01031e080a02056172626f72150601030301026973150601030501056c61746572150601032502056f6e646f6e150801030e1001036d696e150601032002026f6e15060103070403646169150601031801046e65656415060103280108726561636861626c1506010306030573706f6e641506010322010873617475726461691506010310020763656e6172696f150601032702046563757215060103040101741506010314020268651506010326040169150601031604016d150601032901037574631506010313010677697468696e150601032a040a090809080808090808080a0b0b0b0d0a0a0c090c0d0a090a0b0f0c0f0e0b080908080a');
INSERT INTO searchIndex_data VALUES(687194767361,X'000001b703303130160601031501023330160601030901023430160601030e0106616363657373160601032704046f756e741606010324030474696f6e16080103072a0204646d696e16080103062a02066c72656164691606010318030374657216060103350202707016080103021c0201721606010317020174160601031a02047564697416080103031c0102626516060103310303666f721606010310030367616e160601030d010363616e1606010330020768616c6c656e67160601033202066c757374657216060103200103646169160a01030a070902086973636f7665726916080103110c01056669727374160601031402026f7216060103080104676f6e6516060103190104686f737416060103230106696e74727573160601030c020174160601032b030473656c66160601032901046b656570160601030501036c6f6716080103041c01026e6f160601032601026f66160601032d02016e1606010321020970656e736561726368160601031f0201721606010333010771756965746c69160601033401067265636f72641608010325090102736f16080103121a0103746865160a01030b0a1102016f1606010328040909090d0b0c0c0d0a0a08080c090a0a0a0e0d0c100c090b0b0d080b0b0b09090810080e0e0a0c');
INSERT INTO searchIndex_data VALUES(824633720833,X'0000021f033030301c0801030a110201391c08010309110101311b060104030201371c0601030b010232301c0601031e0201331c06010312010233301c0601030c0201331c0601031c010234301c060103130103616e6419060103030304737765721c060103160104626c75651b060103020106010304010463616c6c1a06010305020601030302066f6e746163741b060104020602696e190c0103020104020102646f1a060103030103656e641f06010303020475726f701c0801030d0f010566697273741706010302020272691c060103080101681c0601031d02056172626f721b0601030301060103050105696e6369641b0601030503037075741f060103050201731c060103100201741c0601030f01036b696d1906010502020601050201066c6f6e646f6e1c0801030e0f01036d696e1c0601031f02026f6e1c0601030704036461691c06010317030272651d0601030201036e6f771806010303060601030501026f661f060103040107706172746e65721b06010307030275731f06010302020672657365727619060103040107726573706f6e731b06010306010873617475726461691c060103110204656375721b060103040106010306020369676e1706010303010474656c6c1e06010302020268651e060103030401691c0601031501037574631c06010314010676656e646f721e06010304010477686174180601030203026f6d1a060103020103796f751a060103040206010302040a09080809080908090a0b10100d0c090a0c0c0908110c0a08080f0e0a090a090f090e090d0e0f100a0b09080a0d0b09');
CREATE TABLE IF NOT EXISTS 'searchIndex_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO searchIndex_idx VALUES(1,X'',2);
INSERT INTO searchIndex_idx VALUES(2,X'',2);
INSERT INTO searchIndex_idx VALUES(3,X'',2);
INSERT INTO searchIndex_idx VALUES(4,X'',2);
INSERT INTO searchIndex_idx VALUES(5,X'',2);
INSERT INTO searchIndex_idx VALUES(6,X'',2);
CREATE TABLE IF NOT EXISTS 'searchIndex_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, c5);
INSERT INTO searchIndex_content VALUES(1,'20261130-4pav',NULL,'partner','Blue Harbor Security is reachable Mon-Fri 09:00-17:30 Europe/London; called Saturday 23:40 UTC (T+0h), they answer Monday 09:00 Europe/London (+33 h 20 min) and respond 2 h later; the scenario needs them within 4 h.',NULL,NULL);
INSERT INTO searchIndex_content VALUES(2,'20261130-4pav',NULL,'trail','app-audit-log keeps admin actions for 30 days; the intrusion began 40 days before discovery, so the first 10 days are already gone at discovery. app-audit-log (OpenSearch cluster on the hosting account) records no access to itself, so its record of admin actions can be challenged or quietly altered.',NULL,NULL);
INSERT INTO searchIndex_content VALUES(3,'20261130-4pav',1,NULL,'First signs',NULL,NULL);
INSERT INTO searchIndex_content VALUES(4,'20261130-4pav',2,NULL,'What now?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(5,'20261130-4pav',3,NULL,'Contain and preserve','contain','Priya');
INSERT INTO searchIndex_content VALUES(6,'20261130-4pav',4,NULL,'Whom do you call?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(7,'20261130-4pav',5,NULL,'Blue Harbor Security (incident-response partner)','contact:1','Priya');
INSERT INTO searchIndex_content VALUES(8,'20261130-4pav',6,NULL,'You call Blue Harbor Security (Mon-Fri 09:00-17:30 Europe/London). It is Saturday 23:40 UTC; they answer Monday 09:00 Europe/London (+33 h 20 min).',NULL,NULL);
INSERT INTO searchIndex_content VALUES(9,'20261130-4pav',7,NULL,'More',NULL,NULL);
INSERT INTO searchIndex_content VALUES(10,'20261130-4pav',8,NULL,'Tell the vendor now?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(11,'20261130-4pav',9,NULL,'Yes','yes','Priya');
INSERT INTO searchIndex_content VALUES(12,'20261130-4pav',10,NULL,'How many days back?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(13,'20261130-4pav',11,NULL,'40 days','40','Priya');
INSERT INTO searchIndex_content VALUES(14,'20261130-4pav',12,NULL,'Wrap-up',NULL,NULL);
INSERT INTO searchIndex_content VALUES(15,'20261130-4pav',13,NULL,'What do you tell customers?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(16,'20261130-4pav',14,NULL,'We found and fixed it.','We found and fixed it.','Priya');
INSERT INTO searchIndex_content VALUES(17,'20261130-4pav',15,NULL,'Which steps?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(18,'20261130-4pav',16,NULL,'Rotate keys; Review logs','a,c','Priya');
INSERT INTO searchIndex_content VALUES(19,'20261130-4pav',17,NULL,'Deadline met: Vendor told, due T+24:00, done at T+02:00.',NULL,NULL);
INSERT INTO searchIndex_content VALUES(20,'20261130-4pav',18,NULL,'The drill is over at T+06:00: 3 injects, 1 of 1 deadlines met.',NULL,NULL);
INSERT INTO searchIndex_content VALUES(21,'20261130-mtoi',NULL,'partner','Blue Harbor Security is reachable Mon-Fri 09:00-17:30 Europe/London; called Saturday 23:40 UTC (T+0h), they answer Monday 09:00 Europe/London (+33 h 20 min) and respond 2 h later; the scenario needs them within 4 h.',NULL,NULL);
INSERT INTO searchIndex_content VALUES(22,'20261130-mtoi',NULL,'trail','app-audit-log keeps admin actions for 30 days; the intrusion began 40 days before discovery, so the first 10 days are already gone at discovery. app-audit-log (OpenSearch cluster on the hosting account) records no access to itself, so its record of admin actions can be challenged or quietly altered.',NULL,NULL);
INSERT INTO searchIndex_content VALUES(23,'20261130-mtoi',1,NULL,'First signs',NULL,NULL);
INSERT INTO searchIndex_content VALUES(24,'20261130-mtoi',2,NULL,'What now?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(25,'20261130-mtoi',3,NULL,'Contain and preserve','contain','Kim');
INSERT INTO searchIndex_content VALUES(26,'20261130-mtoi',4,NULL,'Whom do you call?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(27,'20261130-mtoi',5,NULL,'Blue Harbor Security (incident-response partner)','contact:1','Kim');
INSERT INTO searchIndex_content VALUES(28,'20261130-mtoi',6,NULL,'You call Blue Harbor Security (Mon-Fri 09:00-17:30 Europe/London). It is Saturday 23:40 UTC; they answer Monday 09:00 Europe/London (+33 h 20 min).',NULL,NULL);
INSERT INTO searchIndex_content VALUES(29,'20261130-mtoi',7,NULL,'More',NULL,NULL);
INSERT INTO searchIndex_content VALUES(30,'20261130-mtoi',8,NULL,'Tell the vendor now?',NULL,NULL);
INSERT INTO searchIndex_content VALUES(31,'20261130-mtoi',9,NULL,'paused: end of input',NULL,NULL);
CREATE TABLE IF NOT EXISTS 'searchIndex_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO searchIndex_docsize VALUES(1,X'0000002b0000');
INSERT INTO searchIndex_docsize VALUES(2,X'000000340000');
INSERT INTO searchIndex_docsize VALUES(3,X'000000020000');
INSERT INTO searchIndex_docsize VALUES(4,X'000000020000');
INSERT INTO searchIndex_docsize VALUES(5,X'000000030101');
INSERT INTO searchIndex_docsize VALUES(6,X'000000040000');
INSERT INTO searchIndex_docsize VALUES(7,X'000000060201');
INSERT INTO searchIndex_docsize VALUES(8,X'0000001e0000');
INSERT INTO searchIndex_docsize VALUES(9,X'000000010000');
INSERT INTO searchIndex_docsize VALUES(10,X'000000040000');
INSERT INTO searchIndex_docsize VALUES(11,X'000000010101');
INSERT INTO searchIndex_docsize VALUES(12,X'000000040000');
INSERT INTO searchIndex_docsize VALUES(13,X'000000020101');
INSERT INTO searchIndex_docsize VALUES(14,X'000000020000');
INSERT INTO searchIndex_docsize VALUES(15,X'000000050000');
INSERT INTO searchIndex_docsize VALUES(16,X'000000050501');
INSERT INTO searchIndex_docsize VALUES(17,X'000000020000');
INSERT INTO searchIndex_docsize VALUES(18,X'000000040201');
INSERT INTO searchIndex_docsize VALUES(19,X'0000000d0000');
INSERT INTO searchIndex_docsize VALUES(20,X'0000000f0000');
INSERT INTO searchIndex_docsize VALUES(21,X'0000002b0000');
INSERT INTO searchIndex_docsize VALUES(22,X'000000340000');
INSERT INTO searchIndex_docsize VALUES(23,X'000000020000');
INSERT INTO searchIndex_docsize VALUES(24,X'000000020000');
INSERT INTO searchIndex_docsize VALUES(25,X'000000030101');
INSERT INTO searchIndex_docsize VALUES(26,X'000000040000');
INSERT INTO searchIndex_docsize VALUES(27,X'000000060201');
INSERT INTO searchIndex_docsize VALUES(28,X'0000001e0000');
INSERT INTO searchIndex_docsize VALUES(29,X'000000010000');
INSERT INTO searchIndex_docsize VALUES(30,X'000000040000');
INSERT INTO searchIndex_docsize VALUES(31,X'000000040000');
CREATE TABLE IF NOT EXISTS 'searchIndex_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO searchIndex_config VALUES('version',4);
CREATE TABLE searchIndexRun (
    runID TEXT NOT NULL,
    entry INTEGER NOT NULL,
    PRIMARY KEY (runID, entry)
) WITHOUT ROWID;
INSERT INTO searchIndexRun VALUES('20261130-4pav',1);
INSERT INTO searchIndexRun VALUES('20261130-4pav',2);
INSERT INTO searchIndexRun VALUES('20261130-4pav',3);
INSERT INTO searchIndexRun VALUES('20261130-4pav',4);
INSERT INTO searchIndexRun VALUES('20261130-4pav',5);
INSERT INTO searchIndexRun VALUES('20261130-4pav',6);
INSERT INTO searchIndexRun VALUES('20261130-4pav',7);
INSERT INTO searchIndexRun VALUES('20261130-4pav',8);
INSERT INTO searchIndexRun VALUES('20261130-4pav',9);
INSERT INTO searchIndexRun VALUES('20261130-4pav',10);
INSERT INTO searchIndexRun VALUES('20261130-4pav',11);
INSERT INTO searchIndexRun VALUES('20261130-4pav',12);
INSERT INTO searchIndexRun VALUES('20261130-4pav',13);
INSERT INTO searchIndexRun VALUES('20261130-4pav',14);
INSERT INTO searchIndexRun VALUES('20261130-4pav',15);
INSERT INTO searchIndexRun VALUES('20261130-4pav',16);
INSERT INTO searchIndexRun VALUES('20261130-4pav',17);
INSERT INTO searchIndexRun VALUES('20261130-4pav',18);
INSERT INTO searchIndexRun VALUES('20261130-4pav',19);
INSERT INTO searchIndexRun VALUES('20261130-4pav',20);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',21);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',22);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',23);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',24);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',25);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',26);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',27);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',28);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',29);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',30);
INSERT INTO searchIndexRun VALUES('20261130-mtoi',31);
CREATE TABLE searchPending (
    runID TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (runID, seq)
) WITHOUT ROWID;
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('participant',2);
INSERT INTO sqlite_sequence VALUES('audit',4);
INSERT INTO sqlite_sequence VALUES('improvementItem',2);
CREATE INDEX run_on_team_startedAt ON run(team, startedAt);
CREATE INDEX run_on_scenarioID ON run(scenarioID);
CREATE INDEX run_on_status ON run(status);
CREATE INDEX participant_on_runID_position ON participant(runID, position);
CREATE INDEX audit_on_at ON audit(at);
CREATE INDEX audit_on_runID ON audit(runID);
CREATE INDEX checkClosure_on_need ON checkClosure(team, scenarioID, needID);
CREATE INDEX run_on_startedAt_id ON run(startedAt, id);
CREATE TRIGGER searchIndex_on_finding AFTER INSERT ON finding BEGIN
    INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
    VALUES (new.runID, NULL, new.needID, new.reason, NULL, NULL);
    INSERT INTO searchIndexRun (runID, entry) VALUES (new.runID, last_insert_rowid());
END;
CREATE TRIGGER searchPending_on_event AFTER INSERT ON event BEGIN
    INSERT INTO searchPending (runID, seq) VALUES (new.runID, new.seq);
END;
CREATE TRIGGER searchIndex_on_run_deleted AFTER DELETE ON run BEGIN
    DELETE FROM searchIndex WHERE rowid IN (SELECT entry FROM searchIndexRun WHERE runID = old.id);
    DELETE FROM searchIndexRun WHERE runID = old.id;
    DELETE FROM searchPending WHERE runID = old.id;
END;
PRAGMA writable_schema=OFF;
COMMIT;
