//! What people say under works: fans' comments and replies, and matrix accounts' answers.
//! Shared by the seed (deterministic threads) and the tick (comments that keep arriving).

pub const FAN_NAMES: &[&str] = &[
    "路过的小猫",
    "爱喝咖啡的阿杰",
    "周末去哪儿",
    "momo",
    "一颗柠檬",
    "早睡早起的小周",
    "橘子汽水",
    "山野来信",
];

/// A fan's comment on a work.
pub const FAN_COMMENTS: &[&str] = &[
    "好喜欢!求链接",
    "已下单,期待收货",
    "这个颜色好看吗?",
    "上次买的很好用",
    "店里还有货吗?",
    "包装好精致,送人合适吗?",
    "什么时候有活动呀",
];

/// A fan answering someone in a thread.
pub const FAN_REPLIES: &[&str] = &[
    "谢谢回复!已经下单了",
    "收到,周末去店里看看",
    "同问,蹲一个回答",
    "我买过,确实不错",
    "好的,等活动再入",
];

/// A matrix account answering a fan under its own work.
pub const ACCOUNT_REPLIES: &[&str] = &[
    "谢谢喜欢~链接在主页橱窗哦",
    "有货的,欢迎来店里体验",
    "本周末有满减活动,敬请关注",
    "感谢支持!收到记得反馈哦",
    "颜色很正,实物比图片还好看",
];
