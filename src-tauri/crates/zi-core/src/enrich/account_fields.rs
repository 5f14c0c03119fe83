//! The output fields this account may have: read from its `/lookup/outputfields/{kind}/enrich`
//! once per session, kept in the local settings so a dry run (or an offline look) needs no call,
//! and the published list when neither is there.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::{OutputField, RecordKind};

use super::fields::FieldList;
use crate::console::Console;
use crate::error::Result;

/// Whether the account may be asked now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Ask the API unless this session already did.
    MayAsk,
    /// Never call: this session's list, else the one kept locally, else the published one.
    CachedOnly,
}

/// The lists read this session, per kind.
#[derive(Default)]
pub struct FieldLists(Mutex<HashMap<RecordKind, Arc<FieldList>>>);

impl FieldLists {
    fn get(&self, kind: RecordKind) -> Option<Arc<FieldList>> {
        self.0
            .lock()
            .ok()
            .and_then(|lists| lists.get(&kind).cloned())
    }

    fn put(&self, list: Arc<FieldList>) {
        if let Ok(mut lists) = self.0.lock() {
            lists.insert(list.kind, list);
        }
    }
}

/// What the column picker offers: every field the account lists, the defaults first, each
/// with ZoomInfo's description and whether the plan grants it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutputColumns {
    /// The names that can be appended (granted), in the order offered.
    pub available: Vec<String>,
    /// Appended when nothing is chosen: the usual columns the account grants.
    pub default: Vec<String>,
    /// Every listed field in the order offered, granted or not (`id` left out: it is always
    /// the `zi_id` column).
    pub fields: Vec<OutputField>,
    /// False when the account's own list could not be read and the published one is shown.
    pub from_account: bool,
}

impl OutputColumns {
    pub(crate) fn of(list: &FieldList) -> Self {
        let default = list.default_columns();
        let mut fields: Vec<OutputField> = default
            .iter()
            .filter_map(|name| list.find(name).cloned())
            .collect();
        for field in &list.fields {
            if field.field_name != "id" && !default.contains(&field.field_name) {
                fields.push(field.clone());
            }
        }
        OutputColumns {
            available: fields
                .iter()
                .filter(|f| f.access_granted)
                .map(|f| f.field_name.clone())
                .collect(),
            default,
            fields,
            from_account: list.from_account,
        }
    }
}

/// The settings key the list of `kind` is kept under for `username`.
fn setting_key(kind: RecordKind, username: &str) -> String {
    format!("output_fields.{}.{username}", kind.as_str())
}

impl Console {
    /// The output fields of `kind` this account may have (see the module's comment).
    pub(crate) async fn field_list(
        &self,
        kind: RecordKind,
        lookup: Lookup,
    ) -> Result<Arc<FieldList>> {
        if let Some(list) = self.field_lists().get(kind) {
            return Ok(list);
        }
        let key = setting_key(kind, self.username());
        let kept = || async {
            let text = self.store().setting(&key).await.ok().flatten()?;
            let fields: Vec<OutputField> = serde_json::from_str(&text).ok()?;
            (!fields.is_empty()).then_some(FieldList {
                kind,
                fields,
                from_account: true,
            })
        };
        if lookup == Lookup::CachedOnly {
            return Ok(Arc::new(match kept().await {
                Some(list) => list,
                None => FieldList::published(kind),
            }));
        }
        let list = match self.backend().output_fields(kind).await {
            Ok(fields) => {
                if let Ok(text) = serde_json::to_string(&fields) {
                    self.store().set_setting(&key, &text).await?;
                }
                FieldList {
                    kind,
                    fields,
                    from_account: true,
                }
            }
            Err(error) => {
                tracing::warn!(
                    code = error.code(),
                    "the account's output fields could not be read: {error}"
                );
                match kept().await {
                    Some(list) => list,
                    None => FieldList::published(kind),
                }
            }
        };
        let list = Arc::new(list);
        self.field_lists().put(list.clone());
        Ok(list)
    }

    /// The fields a file of `kind` can have appended, for the column picker.
    pub async fn output_columns(&self, kind: RecordKind) -> Result<OutputColumns> {
        let list = self.field_list(kind, Lookup::MayAsk).await?;
        Ok(OutputColumns::of(&list))
    }
}
