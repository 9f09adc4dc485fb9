module hardened-shop/ctmpl-render

go 1.19
