// The try-it chat: sends each message to the engine and shows replies; polls for messages from others.
// The server keeps the id this browser picked (an HttpOnly cookie); each request names the id this page shows,
// so a tab left open after another tab switched ids is refused (and signs out) instead of acting as the new one.
(function () {
  var signedIn = 0; // bumped at each sign-in and sign-out, so that a poll of an earlier id stops
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
  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      if (r.status === 401 || (r.status === 403 && path.indexOf('/web/api/messages') === 0)) {
        leave();
        throw new Error('signed out');
      }
      return r.status === 204 ? {} : r.json().then(function (b) { b.status = r.status; return b; });
    });
  }
  function enter(id) {
    signedIn++;
    user = id;
    log.textContent = '';
    document.getElementById('me').textContent = user;
    document.getElementById('chat').hidden = false;
    document.getElementById('who').hidden = true;
    add('info', 'You are ' + user + '. Say start to begin, help for words.');
    poll(signedIn);
    document.getElementById('text').focus();
  }
  function leave() {
    signedIn++;
    user = null;
    document.getElementById('chat').hidden = true;
    document.getElementById('who').hidden = false;
    document.getElementById('user').value = '';
  }
  document.getElementById('who').addEventListener('submit', function (e) {
    e.preventDefault();
    var error = document.getElementById('who-error');
    error.hidden = true;
    api('POST', '/web/api/session', { user: document.getElementById('user').value.trim().toLowerCase() })
      .then(function (b) {
        if (b.status === 200) { enter(b.user); } else { error.textContent = b.error; error.hidden = false; }
      }).catch(function () {});
  });
  document.getElementById('sign-out').addEventListener('click', function () {
    api('DELETE', '/web/api/session').then(leave).catch(function () {});
  });
  function send(text) {
    add('me', text);
    return api('POST', '/web/api/messages', { user: user, text: text }).then(show)
      .catch(function (e) { if (e.message !== 'signed out') { add('info', 'Could not reach rolecraft; is it still running?'); } });
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
  function poll(session) {
    if (session !== signedIn) { return; }
    api('GET', '/web/api/messages?user=' + encodeURIComponent(user)).then(function (b) { if (session === signedIn) { show(b); } })
      .catch(function () {})
      .finally(function () { setTimeout(function () { poll(session); }, 2000); });
  }
  // A browser that picked an id before (another tab, a reload) goes on as that id.
  api('GET', '/web/api/session').then(function (b) { if (b.user) { enter(b.user); } }).catch(function () {});
})();
