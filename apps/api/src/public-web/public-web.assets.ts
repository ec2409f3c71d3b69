// The public page's only stylesheet and script, served from our own origin so that a strict CSP
// (no inline code, no external resources) applies. Plain ES2017, no framework.

export const PUBLIC_WEB_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9;line-height:1.7}
header{background:#a61b1b;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;font-size:14px;opacity:.9}
main{max-width:880px;margin:0 auto;padding:24px}
a{color:#a61b1b}
.card{background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:16px 20px;margin:0 0 16px}
.card h2{margin:0 0 8px;font-size:18px}
.meta{color:#57606a;font-size:14px;margin:0}
.draft{white-space:pre-wrap;background:#fbfbfc;border:1px solid #e3e5e8;padding:12px;border-radius:4px}
label{display:block;margin:12px 0 4px;font-weight:600}
textarea,input{width:100%;padding:8px;border:1px solid #c9ccd1;border-radius:4px;font:inherit}
button{margin-top:16px;background:#a61b1b;color:#fff;border:0;border-radius:4px;padding:10px 24px;font:inherit;cursor:pointer}
button[disabled]{opacity:.6;cursor:default}
.status{min-height:1.7em;margin:12px 0 0;font-weight:600}
.status.ok{color:#1a7f37}.status.error{color:#cf222e}
.empty{color:#57606a}
footer{text-align:center;color:#57606a;font-size:13px;padding:24px}
`;

export const PUBLIC_WEB_JS = `
(function () {
  var form = document.getElementById('comment-form');
  if (!form) return;
  var status = document.getElementById('form-status');
  var button = form.querySelector('button');
  function show(text, ok) {
    status.textContent = text;
    status.className = 'status ' + (ok ? 'ok' : 'error');
  }
  var messages = {
    COMMENT_PERIOD_CLOSED: '征求意见期限已届满或尚未开始，意见未能提交。',
    TOO_MANY_REQUESTS: '提交过于频繁，请稍后再试。',
    NOT_FOUND: '该决策草案未在公开征求意见。'
  };
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {};
    ['content', 'name', 'contact'].forEach(function (field) {
      var value = form.elements[field].value.trim();
      if (value) body[field] = value;
    });
    if (!body.content) { show('请填写意见内容。', false); return; }
    button.disabled = true;
    show('正在提交……', true);
    fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (res.status === 201) {
          form.reset();
          show('您的意见已收到，感谢参与！回执编号：' + data.id, true);
        } else {
          show(messages[data.code] || ('提交未成功：' + (data.message || res.status)), false);
        }
      });
    }).catch(function () {
      show('网络异常，请稍后再试。', false);
    }).then(function () {
      button.disabled = false;
    });
  });
})();
`;
