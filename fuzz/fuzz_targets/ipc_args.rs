//! The window's command arguments as the shell decodes them (the first byte picks the
//! command): whatever a compromised or buggy page sends is an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdesk_ipc::cmd;

fuzz_target!(|data: &[u8]| {
    let Some((which, args)) = data.split_first() else {
        return;
    };
    match which % 12 {
        0 => drop(serde_json::from_slice::<cmd::Publish>(args)),
        1 => drop(serde_json::from_slice::<cmd::PlanPublish>(args)),
        2 => drop(serde_json::from_slice::<cmd::ListWorks>(args)),
        3 => drop(serde_json::from_slice::<cmd::GetAccountsPage>(args)),
        4 => drop(serde_json::from_slice::<cmd::SignIn>(args)),
        5 => drop(serde_json::from_slice::<cmd::Invite>(args)),
        6 => drop(serde_json::from_slice::<cmd::PlanPool>(args)),
        7 => drop(serde_json::from_slice::<cmd::ApplyWorkChange>(args)),
        8 => drop(serde_json::from_slice::<cmd::EditWork>(args)),
        9 => drop(serde_json::from_slice::<cmd::GetDashboard>(args)),
        10 => drop(serde_json::from_slice::<cmd::SaveDraft>(args)),
        _ => drop(serde_json::from_slice::<cmd::ListComments>(args)),
    }
});
