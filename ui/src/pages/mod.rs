//! One module per screen.

pub mod about;
pub mod account_detail;
pub mod accounts;
pub mod activity;
pub mod audit;
pub mod comments;
pub mod dashboard;
pub mod health;
pub mod invitations;
pub mod materials;
pub mod notices;
pub mod pool_bulk;
pub mod publish;
pub mod reviews;
pub mod settings;
pub mod team;
pub mod words;
pub mod work_detail;
pub mod works;
