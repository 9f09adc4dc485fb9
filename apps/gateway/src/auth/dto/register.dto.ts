import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'carol@example.com', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @Length(10, 128)
  password: string;

  @ApiProperty({ example: 'Carol', minLength: 1, maxLength: 80 })
  @IsString()
  @Length(1, 80)
  displayName: string;
}

/** The same for a new and a taken email, so registration does not reveal which emails have accounts. */
export class RegistrationAcceptedResponse {
  @ApiProperty({ description: 'The email as stored (trimmed, lower-cased).' }) email: string;
}
