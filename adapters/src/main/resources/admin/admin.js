// Draws the before/after charts from the summary the page was rendered with.
(function () {
  var summary = JSON.parse(document.getElementById('summary').textContent);
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
  if (summary.approved) { draw('all', summary.approved); }
  summary.by_title.forEach(function (g, i) { draw('group' + i, g); });
  document.body.setAttribute('data-charts', 'drawn');
})();
