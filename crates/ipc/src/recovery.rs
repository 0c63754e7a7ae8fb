//! What the person is told after a damaged local database was repaired.

use serde::{Deserialize, Serialize};

/// Where the desk's own data came back from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RecoverySource {
    /// Row by row from the damaged file itself.
    DamagedCopy,
    /// The damaged file could not be read at all; the newest good backup was used.
    Backup { taken_at: String },
    /// Neither the damaged file nor any backup could be read.
    Nothing,
}

/// What was saved, by kind. `unreadable` counts rows that could not be read and were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalvageCounts {
    /// Outbox actions still waiting to be delivered (queued, sending, needing a sign-in …).
    pub open_actions: u64,
    /// Outbox actions already applied, rejected or cancelled (kept for their history).
    pub finished_actions: u64,
    /// Files of queued publishes, with their upload progress.
    pub uploads: u64,
    pub drafts: u64,
    pub audit_entries: u64,
    pub settings: u64,
    pub notices: u64,
    /// Comments that were still unread on this desk.
    pub unread_marks: u64,
    /// Rows that could not be read.
    pub unreadable: u64,
    /// Tables whose structure could not be read at all (nothing of them was saved).
    pub unreadable_tables: Vec<String>,
}

/// One repair of the local database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryReport {
    /// RFC 3339 time of the repair.
    pub at: String,
    /// Where the damaged database was moved (never deleted).
    pub damaged_file: String,
    pub source: RecoverySource,
    pub saved: SalvageCounts,
}

impl RecoveryReport {
    /// The report in plain words, one paragraph a line, in `lang`: what happened, what was
    /// saved, what could not be read, where the damaged copy is, and that the matrix is
    /// downloading again. `time` is how the caller shows [`RecoveryReport::at`] (the UI in
    /// local time). The window and the CLI both print exactly these lines.
    pub fn lines(&self, lang: &str, time: &str) -> Vec<String> {
        use crate::i18n::{translate, FluentValue};
        let t = |key: &str, args: &[(&str, FluentValue<'_>)]| translate(lang, key, args);
        let s = &self.saved;
        let mut out = vec![t("recovery-what", &[("time", time.into())])];
        match &self.source {
            RecoverySource::DamagedCopy => {}
            RecoverySource::Backup { taken_at } => {
                out.push(t("recovery-from-backup", &[("time", taken_at.as_str().into())]));
            }
            RecoverySource::Nothing => out.push(t("recovery-from-nothing", &[])),
        }
        if self.source != RecoverySource::Nothing {
            out.push(t(
                "recovery-saved",
                &[
                    ("open", s.open_actions.into()),
                    ("drafts", s.drafts.into()),
                    ("audit", s.audit_entries.into()),
                    ("finished", s.finished_actions.into()),
                    ("uploads", s.uploads.into()),
                    ("notices", s.notices.into()),
                    ("unread", s.unread_marks.into()),
                    ("settings", s.settings.into()),
                ],
            ));
            if s.unreadable == 0 && s.unreadable_tables.is_empty() {
                out.push(t("recovery-unreadable-none", &[]));
            } else {
                out.push(t("recovery-unreadable", &[("count", s.unreadable.into())]));
            }
            if !s.unreadable_tables.is_empty() {
                let tables = s.unreadable_tables.join(", ");
                out.push(t("recovery-unreadable-tables", &[("tables", tables.into())]));
            }
        }
        out.push(t(
            "recovery-damaged-file",
            &[("path", self.damaged_file.as_str().into())],
        ));
        out.push(t("recovery-downloading", &[]));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(source: RecoverySource, unreadable: u64) -> RecoveryReport {
        RecoveryReport {
            at: "2026-12-06T08:00:00Z".into(),
            damaged_file: "/data/matrix-desk.damaged-20261206T080000Z.sqlite3".into(),
            source,
            saved: SalvageCounts {
                open_actions: 3,
                drafts: 2,
                audit_entries: 41,
                unreadable,
                ..SalvageCounts::default()
            },
        }
    }

    #[test]
    fn the_report_names_what_was_saved_and_lost_and_where_the_copy_is() {
        // The person must learn the three counts, whether anything was lost, and the path.
        let zh = report(RecoverySource::DamagedCopy, 7).lines("zh-CN", "12月6日 16:00");
        let all = zh.join("\n");
        assert!(all.contains("3 个待同步操作、2 份草稿、41 条操作记录"), "{all}");
        assert!(all.contains("有 7 行无法读取"), "{all}");
        assert!(all.contains("matrix-desk.damaged-20261206T080000Z.sqlite3"), "{all}");
        assert!(all.contains("重新下载"), "{all}");
        let en = report(RecoverySource::DamagedCopy, 0)
            .lines("en", "6 Dec 16:00")
            .join("\n");
        assert!(en.contains("3 queued actions, 2 drafts, 41 audit entries"), "{en}");
        assert!(en.contains("nothing was lost"), "{en}");
        assert!(!en.contains("could not be read and"), "{en}");
        let one = report(RecoverySource::DamagedCopy, 1).lines("en", "now").join("\n");
        assert!(one.contains("1 row could not be read and was skipped"), "{one}");
    }

    #[test]
    fn a_report_from_a_backup_says_so_and_one_from_nothing_claims_nothing_saved() {
        let backup = RecoverySource::Backup {
            taken_at: "2026-12-05T08:00:00Z".into(),
        };
        let en = report(backup, 0).lines("en", "now").join("\n");
        assert!(en.contains("the backup of 2026-12-05T08:00:00Z was used"), "{en}");
        let nothing = report(RecoverySource::Nothing, 0).lines("en", "now").join("\n");
        assert!(nothing.contains("could not be recovered"), "{nothing}");
        assert!(!nothing.contains("Saved:"), "{nothing}");
    }
}
