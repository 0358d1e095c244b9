"""The district's brand (issue 21): name, logo, colours, tagline and footer, set by the platform's
administrator and applied on every page, e-mail, letter and printable document."""
