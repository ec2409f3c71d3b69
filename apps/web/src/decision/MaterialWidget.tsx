import { UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { explainError } from '../api/api-error';
import type { MaterialStored } from '../api/types';
import { t } from '../i18n';
import { uploadMaterial } from './Materials';

/** A material field of an event: upload the file here, the field takes its id; its SHA-256 is shown. */
export function MaterialWidget({ id, value, onChange, disabled, readonly }: WidgetProps) {
  const [stored, setStored] = useState<MaterialStored>();
  const [problem, setProblem] = useState<string>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        disabled={disabled || readonly}
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            const material = await uploadMaterial(file as File);
            setStored(material);
            setProblem(undefined);
            onChange(material.id);
            onSuccess?.(material);
          } catch (error) {
            setProblem(explainError(error).join(' '));
            onError?.(error as Error);
          }
        }}
      >
        <Button id={id} icon={<UploadOutlined />}>{t.decision.upload}</Button>
      </Upload>
      {value && (
        <Typography.Text type="secondary" data-testid={`${id}-material`}>
          {stored ? `${stored.filename} · ` : ''}{t.decision.materialId}：<span className="hash">{value}</span>
          {stored && <> · {t.decision.sha256}：<span className="hash">{stored.sha256}</span></>}
        </Typography.Text>
      )}
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}
