import { Card, message } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import { t } from '../i18n';
import { SchemaForm } from './EventForm';

/** Registers a decision (提出): the form is the API's own schema of POST /api/decisions. */
export function CreateDecisionPage() {
  const navigate = useNavigate();
  return (
    <Card title={t.decisions.createTitle}>
      <SchemaForm
        form="CreateDecisionDto"
        submitText={t.decisions.create}
        uiOverrides={{ summary: { 'ui:widget': 'textarea' } }}
        onSubmit={async (body) => {
          const decision = unwrap(await api.POST('/api/decisions', { body: body as never }));
          void message.success(t.decisions.created);
          navigate(`/decisions/${decision.id}`);
        }}
      />
    </Card>
  );
}
