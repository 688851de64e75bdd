// Shared helpers: demo sign-in switch, fetch wrapper, HTML escaping.
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export async function api(path, options) {
  const response = await fetch(path, options);
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`${response.status}: ${text}`);
  }
  return response.status === 204 ? null : response.json();
}

export const segmentColours = { Champions: '#1b9e77', Loyal: '#7570b3', Potential: '#e6ab02', AtRisk: '#d95f02', Hibernating: '#666666' };

export async function renderHeader() {
  const header = document.querySelector('header');
  header.innerHTML = `<a href="/index.html">Customers</a><a href="/map.html">Map</a><a href="/diagnostics.html">Diagnostics</a>
    <a href="/openapi/v1.json">OpenAPI</a><span class="spacer"></span>
    <label>Signed in as <select id="user"></select></label>`;
  const users = await api('/api/users');
  const select = header.querySelector('#user');
  select.innerHTML = users.users.map(u => `<option value="${esc(u.id)}">${esc(u.id)} (${esc(u.roles.join(', '))})</option>`).join('');
  select.value = users.current;
  select.addEventListener('change', async () => {
    await api(`/api/users/sign-in/${encodeURIComponent(select.value)}`, { method: 'POST' });
    location.reload();
  });
}
