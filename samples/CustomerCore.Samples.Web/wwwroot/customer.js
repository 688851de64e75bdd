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
  const dup = await fetch(`/api/customers/${encodeURIComponent(id)}/duplicates`);
  const body = await dup.json().catch(() => ({}));
  document.getElementById('duplicates').textContent = dup.ok ? JSON.stringify(body) : (body.detail ?? `HTTP ${dup.status}`);
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
