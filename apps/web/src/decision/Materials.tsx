import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { MaterialStored, TrailEvent } from '../api/types';
import { t, words } from '../i18n';
import { download } from '../shared/csv';
import { ErrorNotice } from '../shared/ErrorNotice';
import { fileSize } from '../shared/format';
import { citedMaterials } from './use-decision';

/** Uploads a file; its id then goes into an event's material field. */
export async function uploadMaterial(file: File): Promise<MaterialStored> {
  const form = new FormData();
  form.append('file', file);
  return unwrap(await api.POST('/api/materials', { body: {} as never, bodySerializer: () => form }));
}

async function downloadMaterial(id: string, filename: string) {
  const { data, response } = await api.GET('/api/materials/{id}', { params: { path: { id } }, parseAs: 'blob' });
  if (!response.ok || !data) throw new Error(`HTTP ${response.status}`);
  download(filename, data as Blob, response.headers.get('Content-Type') ?? 'application/octet-stream');
}

/** The materials the record cites (file, SHA-256, the event citing it), uploading new ones, downloading any. */
export function Materials({ events }: { events: TrailEvent[] }) {
  const [uploaded, setUploaded] = useState<MaterialStored[]>([]);
  const [error, setError] = useState<unknown>();
  const cited = citedMaterials(events);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            const stored = await uploadMaterial(file as File);
            setUploaded((list) => [stored, ...list]);
            onSuccess?.(stored);
          } catch (e) {
            setError(e);
            onError?.(e as Error);
          }
        }}
      >
        <Button icon={<UploadOutlined />}>{t.decision.upload}</Button>
      </Upload>
      {error !== undefined && <ErrorNotice error={error} />}
      {uploaded.map((m) => (
        <Alert key={m.id} type="success" showIcon title={`${t.decision.uploaded}${m.filename}（${fileSize(m.size)}）`}
          description={<>{t.decision.materialId}：<span className="hash" data-testid="uploaded-material-id">{m.id}</span><br />{t.decision.sha256}：<span className="hash">{m.sha256}</span></>} />
      ))}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        locale={{ emptyText: t.decision.noMaterials }}
        dataSource={cited}
        columns={[
          { title: t.decision.filename, dataIndex: 'filename' },
          { title: t.audit.event, render: (_, m) => `${words(t.events, m.type)}（${t.audit.seq} ${m.seq}）` },
          { title: t.decision.sha256, dataIndex: 'sha256', render: (h: string) => <span className="hash">{h}</span> },
          { title: '', render: (_, m) => <Button size="small" onClick={() => void downloadMaterial(m.id, m.filename).catch(setError)}>{t.decision.download}</Button> },
        ]}
      />
    </Space>
  );
}
