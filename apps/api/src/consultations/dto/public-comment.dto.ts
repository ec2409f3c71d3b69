import { ApiPropertyOptional } from '@nestjs/swagger';
import { LIMITS, OptionalText, Text } from '../../decisions/dto/field-rules';

/** Length caps of a public comment. */
export const COMMENT_LIMITS = { content: LIMITS.text, name: 100, contact: 200 } as const;

/** POST /api/public/consultations/:decisionId/comments */
export class PublicCommentDto {
  @Text(COMMENT_LIMITS.content) content: string;
  @OptionalText(COMMENT_LIMITS.name) name?: string;
  /** phone or e-mail: kept for the drafting unit, never shown publicly */
  @OptionalText(COMMENT_LIMITS.contact) contact?: string;
}

/** GET /api/public/consultations query */
export class ConsultationsQuery {
  @ApiPropertyOptional({ description: '辖区（不填：全部辖区）' })
  @OptionalText(LIMITS.short) jurisdiction?: string;
}
