// The try-it chat: sends each message to the engine and shows replies; polls for messages from others.
(function () {
  var user = null;
  var log = document.getElementById('log');
  function add(kind, text) {
    var div = document.createElement('div');
    div.className = 'msg ' + kind;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }
  function show(body) {
    (body.messages || []).forEach(function (m) { add('notice', m); });
    (body.replies || []).forEach(function (r) { add('bot', r); });
  }
  document.getElementById('who').addEventListener('submit', function (e) {
    e.preventDefault();
    user = document.getElementById('user').value.trim().toLowerCase();
    document.getElementById('chat').hidden = false;
    document.getElementById('who').hidden = true;
    add('info', 'You are ' + user + '. Say start to begin, help for words.');
    poll();
    document.getElementById('text').focus();
  });
  function send(text) {
    add('me', text);
    return fetch('/web/api/messages', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: user, text: text })
    }).then(function (r) { return r.json(); }).then(show)
      .catch(function () { add('info', 'Could not reach rolecraft; is it still running?'); });
  }
  document.getElementById('say').addEventListener('submit', function (e) {
    e.preventDefault();
    var box = document.getElementById('text');
    var text = box.value;
    if (!text.trim()) { return; }
    box.value = '';
    send(text);
  });
  document.getElementById('text').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      document.getElementById('send').click();
    }
  });
  function poll() {
    fetch('/web/api/messages?user=' + encodeURIComponent(user))
      .then(function (r) { return r.json(); }).then(show).catch(function () {})
      .finally(function () { setTimeout(poll, 2000); });
  }
})();
