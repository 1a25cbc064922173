// SPDX-License-Identifier: MIT
// The role an insight page is narrowed to, chosen from the roles there are (kept in the address).
import { api } from '../../api';
import { setQuery } from '../../router';
import { SelectField } from '../../ui/Field';
import { useLoad } from '../../ui/useLoad';

export function RoleFilter(props: { role: string }) {
  const roles = useLoad((signal) => api.GET('/api/v1/roles', { signal }), []);
  return (
    <SelectField
      label="Candidates for"
      value={props.role}
      onValue={(v) => setQuery({ role: v || null })}
      options={[{ value: '', label: 'Every role' }, ...(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))]}
    />
  );
}
