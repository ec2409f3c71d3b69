import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** Where the arrangement comes from: the State Council's notice. */
export class HolidayNoticeReferenceDto {
  /** e.g. 国务院办公厅关于2027年部分节假日安排的通知 */
  @IsString() @MaxLength(200) title: string;
  /** e.g. 国办发明电〔2026〕…号 */
  @IsOptional() @IsString() @MaxLength(100) documentNumber?: string;
  /** YYYY-MM-DD */
  @IsOptional() @IsString() @MaxLength(10) publishedAt?: string;
  @IsOptional() @IsString() @MaxLength(500) url?: string;
}

/** PUT /api/calendar/notices/:year: the year's arrangement as the notice lists it (dates YYYY-MM-DD, Beijing). */
export class CalendarNoticeDto {
  /** optional; must equal the year in the path */
  @IsOptional() @IsInt() year?: number;
  /** every day off the notice lists, weekends within its blocks included (dates in the year, or the December before for 元旦) */
  @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(10, { each: true }) holidays: string[];
  /** the make-up working days (调休上班), Saturdays or Sundays only */
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(10, { each: true }) workdays: string[];
  @ValidateNested() @Type(() => HolidayNoticeReferenceDto) notice: HolidayNoticeReferenceDto;
}
