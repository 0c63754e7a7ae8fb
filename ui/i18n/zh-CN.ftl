# Matrix Desk — 简体中文 (default)
app-title = 矩阵工作台
app-subtitle = 1+N 矩阵账号管理

nav-accounts = 矩阵账号
nav-settings = 设置

accounts-title = 矩阵账号
accounts-count = 共 { $count } 个账号
accounts-search = 搜索昵称或逛逛号
accounts-empty = 还没有矩阵账号。
accounts-empty-filtered = 没有符合条件的账号。
accounts-loading = 正在读取本地数据…
col-nickname = 昵称
col-gg = 逛逛号
col-tag = 账号类型
col-binding = 绑定状态
col-publish = 代理发布
col-interact = 代理互动
col-pool = 商品池
col-works = 作品数

tag-staff = 员工号
tag-store = 门店号
tag-brand_persona = 品牌人设号
tag-other = 其他

binding-invited = 已邀请
binding-bound = 已绑定
binding-unbind_requested = 账号已申请解绑(邮件)
binding-unbound = 已解绑

grant-none = 未申请
grant-requested = 待同意
grant-granted = 已授权
grant-declined = 已拒绝
grant-revoked = 已回收

status-online = 在线
status-offline = 离线
status-connecting = 连接中…
status-demo = 演示平台
status-remote = 平台
status-last-sync = 上次同步 { $time }
status-never-synced = 尚未同步
status-queued = 待同步 { $count }
status-failed = 失败 { $count }
status-syncing = 正在同步…
status-progress = 正在同步 { $done } / { $total }
status-sync-now = 立即同步
status-signed-out = 未登录

signin-title = 登录平台
signin-intro = 使用商家主账号登录,同步矩阵账号到本机。
signin-url = 平台地址
signin-username = 用户名
signin-password = 密码
signin-submit = 登录
signin-busy = 正在登录…
signin-demo = 使用演示平台

whitelist-title = 矩阵账号管理需要开通白名单
whitelist-body = 账号矩阵功能目前仅对白名单商家开放。你的主账号“{ $merchant }”尚未开通,因此没有可管理的矩阵账号。
whitelist-how = 如需开通,请联系平台招商或运营对接人,提交主账号、店铺名称与经营类目申请加入白名单;开通后重新同步即可使用。

settings-title = 设置
settings-language = 界面语言
settings-staff-name = 员工姓名
settings-staff-name-hint = 代理操作将以此姓名记入审计记录。
settings-sync-interval = 同步间隔(秒)
settings-save = 保存
settings-saved = 已保存
settings-platform = 平台
settings-platform-demo = 当前连接内置演示平台(模拟数据)。
settings-platform-remote = 当前连接:{ $url }
settings-account = 登录账号
settings-sign-out = 退出登录
settings-switch-remote = 连接真实平台

error-unauthorized = 用户名或密码不正确,或登录已过期,请重新登录。
error-not_whitelisted = 该主账号尚未开通矩阵账号管理白名单。
error-validation = 平台认为提交的内容不符合要求。
error-unknown_account = 平台上没有这个逛逛号。
error-phone_mismatch = 手机号与该逛逛号的注册手机号不一致。
error-already_bound = 该账号已经是你的矩阵账号。
error-bound_elsewhere = 该账号已绑定其他商家。
error-not_bound = 该账号已不再绑定,操作未执行。
error-permission_required = 该账号未授予所需权限(或已被回收)。
error-not_in_product_pool = 所选商品不在该账号的商品池中。
error-pin_limit = 每个账号最多置顶 3 个作品。
error-not_found = 平台上找不到该内容,可能已被删除。
error-conflict = 内容已被他人修改,请同步后重试。
error-rate_limited = 平台请求过于频繁,稍后将自动重试。
error-platform_fault = 平台暂时出错,稍后将自动重试。
error-offline = 无法连接平台,当前为离线模式;已同步的数据仍可查看。
error-not_signed_in = 尚未登录或登录已失效,请重新登录。
error-keychain_unavailable = 无法使用系统钥匙串保存登录凭据。
error-invalid_input = 输入有误。
error-newer_database = 本机数据由更新版本的矩阵工作台创建,请升级后再打开。
error-database = 本地数据库读写失败。
error-internal = 发生意外错误。
error-detail = 详情:{ $detail }
