import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Only the shape is checked here. Whether the URL may be fetched is the SSRF
 * guard's decision, inside inventory, on the addresses the name resolves to.
 */
export class ImportImageDto {
  @ApiProperty({ example: 'https://images.example.com/mug.png', maxLength: 2048, description: 'http(s) on port 80/443, public addresses only' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url: string;
}

export class ProductImageResponse {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ example: 'image/png', description: 'Detected from the bytes' }) contentType: string;
  @ApiProperty() byteSize: number;
  @ApiProperty({ description: 'Hex SHA-256 of the stored bytes' }) sha256: string;
  @ApiProperty({ example: '/api/v1/products/6f1c8a52-0b8e-4c1e-9a51-000000000001/image' }) href: string;
}
