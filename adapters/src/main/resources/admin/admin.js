// Draws the before/after charts from the summary API (the page holds no data in a script: what people typed
// never reaches the HTML parser inside one).
(function () {
  function chart(id, figures) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === 'undefined') { return; }
    var names = Object.keys(figures);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: names,
        datasets: [
          { label: 'before %', data: names.map(function (n) { return figures[n].before; }), backgroundColor: '#9aa5b1' },
          { label: 'after %', data: names.map(function (n) { return figures[n].after; }), backgroundColor: '#2f6fde' }
        ]
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, suggestedMax: 100 } } }
    });
  }
  function draw(id, breakdown) {
    chart('chart-' + id + '-roles', breakdown.by_ai_role);
    chart('chart-' + id + '-capabilities', breakdown.by_capability);
  }
  fetch('/admin/api/summary', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) {
      if (!r.ok) { throw new Error('summary: ' + r.status); }
      return r.json();
    })
    .then(function (summary) {
      if (summary.approved) { draw('all', summary.approved); }
      (summary.by_title || []).forEach(function (g, i) { draw('group' + i, g); });
      document.body.setAttribute('data-charts', 'drawn');
    })
    .catch(function () { document.body.setAttribute('data-charts', 'failed'); });
})();
