import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

const REFRESH_TOKEN = /^rt_[A-Za-z0-9_-]{43}$/;

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Matches(REFRESH_TOKEN)
  refreshToken: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'When given, the whole refresh-token family is revoked.' })
  @IsOptional()
  @IsString()
  @Matches(REFRESH_TOKEN)
  refreshToken?: string;
}
