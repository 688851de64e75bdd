import { api, esc, renderHeader } from './common.js';

const id = new URLSearchParams(location.search).get('id');

async function load() {
  const d = await api(`/api/customers/${encodeURIComponent(id)}`);
  const c = d.customer;
  document.getElementById('name').textContent = c.displayName;
  const address = c.addresses[0];
  document.getElementById('facts').innerHTML = [
    `Owner: ${esc(c.ownerId)}`, `Stage: ${esc(c.stage)}`, `Segment: ${esc(d.segment)}`,
    `Phone: ${esc(c.phones.map(p => p.e164 ?? p.raw).join(', '))}`, `Email: ${esc(c.emails.map(e => e.normalized ?? e.raw).join(', '))}`,
    address ? `Address: ${esc([address.region, address.city, address.district, address.street].filter(Boolean).join(' '))}` : ''
  ].filter(Boolean).join(' · ');
  document.getElementById('timeline').innerHTML = d.timeline.map(i => `<tr class="timeline-row"><td>${esc(new Date(i.occurredAt).toLocaleString())}</td>
    <td>${esc(i.kind)}</td><td>${esc(i.subject)}</td><td>${esc(i.authorId)}</td><td>${esc(i.outcome)}</td></tr>`).join('');
  document.getElementById('reminders').innerHTML = d.reminders.length
    ? d.reminders.map(r => `<li>${esc(new Date(r.dueAt).toLocaleDateString())}: ${esc(r.title)} (${esc(r.assigneeId)})</li>`).join('')
    : '<li>None</li>';
  await loadDuplicates();
}

// Likely duplicates with the per-field explanation; admins and managers can merge one into this customer and undo it.
async function loadDuplicates() {
  const el = document.getElementById('duplicates');
  const response = await fetch(`/api/customers/${encodeURIComponent(id)}/duplicates`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    el.innerHTML = `<p class="error">${esc(body.detail ?? body.title ?? `HTTP ${response.status}`)}</p>`;
    return;
  }
  if (body.duplicates.length === 0) {
    el.innerHTML = '<p id="no-duplicates">No likely duplicates.</p>';
    return;
  }
  el.innerHTML = `<table><thead><tr><th>Customer</th><th>Owner</th><th>Match</th><th>Why (field: comparison, weight)</th><th></th></tr></thead><tbody>${
    body.duplicates.map(d => `<tr class="duplicate-row" data-id="${esc(d.id)}">
      <td><a href="/customer.html?id=${encodeURIComponent(d.id)}">${esc(d.displayName)}</a></td><td>${esc(d.ownerId)}</td>
      <td>${(d.probability * 100).toFixed(1)} %</td>
      <td>${d.fields.map(f => `${esc(f.field)}: ${esc(f.level)} (${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)})`).join('; ')}</td>
      <td><button class="merge" data-id="${esc(d.id)}">Merge into this customer</button></td></tr>`).join('')}</tbody></table>`;
  el.querySelectorAll('button.merge').forEach(b => b.addEventListener('click', () => merge(b.dataset.id)));
}

async function merge(otherId) {
  const status = document.getElementById('merge-status');
  try {
    const result = await api('/api/duplicates/merge', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ survivorId: id, mergeIds: [otherId] }),
    });
    status.innerHTML = `Merged (journal ${esc(result.mergeId)}). <button id="undo-merge" data-merge="${esc(result.mergeId)}">Undo</button>`;
    document.getElementById('undo-merge').addEventListener('click', () => undo(result.mergeId));
    await load();
  } catch (err) {
    status.innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
}

async function undo(mergeId) {
  const status = document.getElementById('merge-status');
  try {
    const result = await api(`/api/duplicates/undo/${encodeURIComponent(mergeId)}`, { method: 'POST' });
    status.textContent = `Merge undone: ${result.restored.length} customers restored.`;
    await load();
  } catch (err) {
    status.innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
}

document.getElementById('interaction').addEventListener('submit', async e => {
  e.preventDefault();
  const f = new FormData(e.target);
  const statusEl = document.getElementById('interaction-status');
  try {
    await api(`/api/customers/${encodeURIComponent(id)}/interactions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: f.get('kind'), subject: f.get('subject'), notes: f.get('notes') || null }),
    });
    e.target.reset();
    statusEl.textContent = 'Recorded.';
    await load();
  } catch (err) {
    statusEl.innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
});

renderHeader();
load().catch(e => { document.getElementById('name').innerHTML = `<span class="error">${esc(e.message)}</span>`; });
