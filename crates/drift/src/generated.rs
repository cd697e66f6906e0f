// @generated — do not edit; run `cargo xtask codegen`.
// Source: specs/{pluuug,gofive,eshouhou,nd}.yaml (response schemas and components.schemas),
// generator: xtask/src/drift.rs.

//! Spec knowledge of the drift check, generated from `specs/*.yaml`.

/// Response schemas of `specs/pluuug.yaml`.
pub const PLUUUG: &str = r####"{
  "operations": {
    "create_client": {
      "200": {
        "$ref": "#/components/schemas/Client"
      },
      "201": {
        "$ref": "#/components/schemas/Client"
      }
    },
    "delete_client": {},
    "get_client": {
      "200": {
        "$ref": "#/components/schemas/Client"
      }
    },
    "list_client_statuses": {
      "200": {
        "$ref": "#/components/schemas/ClientStatusList"
      }
    },
    "list_clients": {
      "200": {
        "$ref": "#/components/schemas/ClientList"
      }
    },
    "list_fields": {
      "200": {
        "$ref": "#/components/schemas/CustomFieldPage"
      }
    },
    "patch_client": {
      "200": {
        "$ref": "#/components/schemas/Client"
      }
    }
  },
  "schemas": {
    "Client": {
      "properties": {
        "branchNumber": {
          "nullable": true,
          "type": "string"
        },
        "businessClass": {
          "nullable": true,
          "type": "string"
        },
        "businessRegistrationNumber": {
          "nullable": true,
          "type": "string"
        },
        "businessType": {
          "nullable": true,
          "type": "string"
        },
        "ceoName": {
          "nullable": true,
          "type": "string"
        },
        "companyAddress": {
          "nullable": true,
          "type": "string"
        },
        "companyDetailAddress": {
          "nullable": true,
          "type": "string"
        },
        "companyName": {
          "nullable": true,
          "type": "string"
        },
        "contact": {
          "nullable": true,
          "type": "string"
        },
        "content": {
          "nullable": true,
          "type": "string"
        },
        "created": {
          "format": "date-time",
          "type": "string"
        },
        "email": {
          "nullable": true,
          "type": "string"
        },
        "fieldSet": {
          "items": {
            "$ref": "#/components/schemas/FieldValue"
          },
          "nullable": true,
          "type": "array"
        },
        "id": {
          "format": "int64",
          "type": "integer"
        },
        "inCharge": {
          "nullable": true,
          "type": "string"
        },
        "position": {
          "nullable": true,
          "type": "string"
        },
        "status": {
          "$ref": "#/components/schemas/NullableClientStatus"
        },
        "taxInvoiceEmail": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "id"
      ],
      "type": "object"
    },
    "ClientCreate": {
      "properties": {
        "branchNumber": {
          "type": "string"
        },
        "businessClass": {
          "type": "string"
        },
        "businessRegistrationNumber": {
          "type": "string"
        },
        "businessType": {
          "type": "string"
        },
        "ceoName": {
          "type": "string"
        },
        "companyAddress": {
          "type": "string"
        },
        "companyDetailAddress": {
          "type": "string"
        },
        "companyName": {
          "type": "string"
        },
        "contact": {
          "nullable": true,
          "type": "string"
        },
        "content": {
          "type": "string"
        },
        "email": {
          "type": "string"
        },
        "fieldSet": {
          "items": {
            "$ref": "#/components/schemas/FieldValueInput"
          },
          "type": "array"
        },
        "inCharge": {
          "nullable": true,
          "type": "string"
        },
        "position": {
          "nullable": true,
          "type": "string"
        },
        "status": {
          "$ref": "#/components/schemas/StatusRef"
        },
        "taxInvoiceEmail": {
          "type": "string"
        }
      },
      "required": [
        "companyName"
      ],
      "type": "object"
    },
    "ClientList": {
      "oneOf": [
        {
          "$ref": "#/components/schemas/ClientPage"
        },
        {
          "items": {
            "$ref": "#/components/schemas/Client"
          },
          "type": "array"
        }
      ]
    },
    "ClientPage": {
      "properties": {
        "count": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "next": {
          "nullable": true,
          "type": "string"
        },
        "previous": {
          "nullable": true,
          "type": "string"
        },
        "results": {
          "items": {
            "$ref": "#/components/schemas/Client"
          },
          "type": "array"
        }
      },
      "required": [
        "results"
      ],
      "type": "object"
    },
    "ClientPatch": {
      "properties": {
        "branchNumber": {
          "type": "string"
        },
        "businessClass": {
          "type": "string"
        },
        "businessRegistrationNumber": {
          "type": "string"
        },
        "businessType": {
          "type": "string"
        },
        "ceoName": {
          "type": "string"
        },
        "companyAddress": {
          "type": "string"
        },
        "companyDetailAddress": {
          "type": "string"
        },
        "companyName": {
          "type": "string"
        },
        "contact": {
          "nullable": true,
          "type": "string"
        },
        "content": {
          "type": "string"
        },
        "email": {
          "type": "string"
        },
        "fieldSet": {
          "items": {
            "$ref": "#/components/schemas/FieldValueInput"
          },
          "type": "array"
        },
        "inCharge": {
          "nullable": true,
          "type": "string"
        },
        "position": {
          "nullable": true,
          "type": "string"
        },
        "status": {
          "$ref": "#/components/schemas/StatusRef"
        },
        "taxInvoiceEmail": {
          "type": "string"
        }
      },
      "type": "object"
    },
    "ClientStatus": {
      "properties": {
        "id": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "title": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "ClientStatusList": {
      "oneOf": [
        {
          "$ref": "#/components/schemas/ClientStatusPage"
        },
        {
          "items": {
            "$ref": "#/components/schemas/ClientStatus"
          },
          "type": "array"
        }
      ]
    },
    "ClientStatusPage": {
      "properties": {
        "count": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "next": {
          "nullable": true,
          "type": "string"
        },
        "previous": {
          "nullable": true,
          "type": "string"
        },
        "results": {
          "items": {
            "$ref": "#/components/schemas/ClientStatus"
          },
          "type": "array"
        }
      },
      "required": [
        "results"
      ],
      "type": "object"
    },
    "CustomField": {
      "properties": {
        "dataType": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "S",
            "N",
            "M",
            "D",
            "T",
            "B",
            "SL",
            "ML"
          ]
        },
        "id": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "memberSet": {
          "items": {
            "$ref": "#/components/schemas/Member"
          },
          "nullable": true,
          "type": "array"
        },
        "name": {
          "nullable": true,
          "type": "string"
        },
        "optionSet": {
          "items": {
            "$ref": "#/components/schemas/CustomFieldOption"
          },
          "nullable": true,
          "type": "array"
        }
      },
      "type": "object"
    },
    "CustomFieldOption": {
      "properties": {
        "id": {
          "nullable": true,
          "type": "string"
        },
        "title": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "CustomFieldPage": {
      "properties": {
        "next": {
          "nullable": true,
          "type": "string"
        },
        "previous": {
          "nullable": true,
          "type": "string"
        },
        "results": {
          "items": {
            "$ref": "#/components/schemas/CustomField"
          },
          "type": "array"
        }
      },
      "required": [
        "results"
      ],
      "type": "object"
    },
    "DrfError": {
      "additionalProperties": true,
      "properties": {
        "detail": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "FieldRef": {
      "properties": {
        "id": {
          "format": "int64",
          "type": "integer"
        }
      },
      "required": [
        "id"
      ],
      "type": "object"
    },
    "FieldValue": {
      "properties": {
        "field": {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomField"
            }
          ],
          "nullable": true,
          "type": "object"
        },
        "value": {}
      },
      "type": "object"
    },
    "FieldValueInput": {
      "properties": {
        "field": {
          "$ref": "#/components/schemas/FieldRef"
        },
        "value": {}
      },
      "required": [
        "field"
      ],
      "type": "object"
    },
    "Member": {
      "properties": {
        "email": {
          "nullable": true,
          "type": "string"
        },
        "grade": {
          "allOf": [
            {
              "$ref": "#/components/schemas/MemberGrade"
            }
          ],
          "nullable": true,
          "type": "object"
        },
        "id": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "isActive": {
          "nullable": true,
          "type": "boolean"
        },
        "nickname": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "MemberGrade": {
      "properties": {
        "id": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "title": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "NullableClientStatus": {
      "nullable": true,
      "properties": {
        "id": {
          "format": "int64",
          "nullable": true,
          "type": "integer"
        },
        "title": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "StatusRef": {
      "properties": {
        "id": {
          "format": "int64",
          "type": "integer"
        }
      },
      "required": [
        "id"
      ],
      "type": "object"
    }
  }
}"####;

/// Response schemas of `specs/gofive.yaml`.
pub const GOFIVE: &str = r####"{
  "operations": {
    "get_customer_by_code": {
      "200": {
        "$ref": "#/components/schemas/CustomerEnvelope"
      }
    },
    "request_token": {
      "200": {
        "$ref": "#/components/schemas/TokenResponse"
      }
    },
    "upsert_customer": {
      "200": {
        "$ref": "#/components/schemas/CustomerEnvelope"
      }
    }
  },
  "schemas": {
    "Address": {
      "properties": {
        "latitude": {
          "$ref": "#/components/schemas/Coordinate"
        },
        "locationAddress": {
          "nullable": true,
          "type": "string"
        },
        "locationName": {
          "nullable": true,
          "type": "string"
        },
        "locationType": {
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2
          ]
        },
        "longitude": {
          "$ref": "#/components/schemas/Coordinate"
        }
      },
      "type": "object"
    },
    "ApimError": {
      "properties": {
        "message": {
          "nullable": true,
          "type": "string"
        },
        "statusCode": {
          "nullable": true,
          "type": "integer"
        }
      },
      "type": "object"
    },
    "BusinessCode": {
      "oneOf": [
        {
          "type": "string"
        },
        {
          "type": "integer"
        }
      ]
    },
    "Contact": {
      "properties": {
        "contactBirthdate": {
          "nullable": true,
          "type": "string"
        },
        "contactEmail": {
          "nullable": true,
          "type": "string"
        },
        "contactMobile": {
          "nullable": true,
          "type": "string"
        },
        "contactName": {
          "nullable": true,
          "type": "string"
        },
        "contactNote": {
          "nullable": true,
          "type": "string"
        },
        "contactPhone": {
          "nullable": true,
          "type": "string"
        },
        "contactPicture": {
          "nullable": true,
          "type": "string"
        },
        "contactPosition": {
          "nullable": true,
          "type": "string"
        },
        "contactSocialAccount": {
          "additionalProperties": true,
          "nullable": true,
          "type": "object"
        },
        "contactStatus": {
          "nullable": true,
          "type": "boolean"
        }
      },
      "type": "object"
    },
    "ContactOneOrMany": {
      "oneOf": [
        {
          "$ref": "#/components/schemas/Contact"
        },
        {
          "items": {
            "$ref": "#/components/schemas/Contact"
          },
          "type": "array"
        }
      ]
    },
    "Coordinate": {
      "oneOf": [
        {
          "type": "string"
        },
        {
          "type": "number"
        }
      ]
    },
    "CustomField": {
      "nullable": true,
      "properties": {
        "customFieldName": {
          "nullable": true,
          "type": "string"
        },
        "customFieldValue": {
          "items": {
            "format": "lenient-text",
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        }
      },
      "type": "object"
    },
    "Customer": {
      "properties": {
        "addresses": {
          "items": {
            "$ref": "#/components/schemas/Address"
          },
          "nullable": true,
          "type": "array"
        },
        "branchCode": {
          "nullable": true,
          "type": "string"
        },
        "classificationName": {
          "nullable": true,
          "type": "string"
        },
        "contact": {
          "$ref": "#/components/schemas/ContactOneOrMany"
        },
        "contacts": {
          "items": {
            "$ref": "#/components/schemas/Contact"
          },
          "nullable": true,
          "type": "array"
        },
        "creditLimit": {
          "nullable": true,
          "type": "string"
        },
        "customFields": {
          "items": {
            "$ref": "#/components/schemas/CustomField"
          },
          "nullable": true,
          "type": "array"
        },
        "customer2ndName": {
          "nullable": true,
          "type": "string"
        },
        "customerAliases": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "customerBirthdate": {
          "nullable": true,
          "type": "string"
        },
        "customerCode": {
          "nullable": true,
          "type": "string"
        },
        "customerEmail": {
          "nullable": true,
          "type": "string"
        },
        "customerGender": {
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2
          ]
        },
        "customerGroupName": {
          "nullable": true,
          "type": "string"
        },
        "customerId": {
          "$ref": "#/components/schemas/CustomerId"
        },
        "customerIncome": {
          "nullable": true,
          "type": "string"
        },
        "customerMaritalStatus": {
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2,
            3,
            4,
            5,
            6
          ]
        },
        "customerMobile": {
          "nullable": true,
          "type": "string"
        },
        "customerName": {
          "nullable": true,
          "type": "string"
        },
        "customerNote": {
          "nullable": true,
          "type": "string"
        },
        "customerPhone": {
          "nullable": true,
          "type": "string"
        },
        "customerPicture": {
          "nullable": true,
          "type": "string"
        },
        "customerPosition": {
          "nullable": true,
          "type": "string"
        },
        "customerSocialAccount": {
          "additionalProperties": true,
          "nullable": true,
          "type": "object"
        },
        "customerState": {
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2,
            3,
            11100,
            11200,
            11300
          ]
        },
        "customerStatus": {
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            0,
            1,
            2
          ]
        },
        "customerTags": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "customerTaxNo": {
          "nullable": true,
          "type": "string"
        },
        "customerType": {
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2,
            11100,
            11200,
            11300
          ]
        },
        "interestsName": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "leadStatus": {
          "nullable": true,
          "type": "integer"
        },
        "owners": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "primaryOwner": {
          "nullable": true,
          "type": "string"
        },
        "sourceName": {
          "nullable": true,
          "type": "string"
        },
        "unqulifiedReasonName": {
          "nullable": true,
          "type": "string"
        },
        "unqulifiedReasonNote": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "customerId"
      ],
      "type": "object"
    },
    "CustomerEnvelope": {
      "properties": {
        "data": {
          "allOf": [
            {
              "$ref": "#/components/schemas/Customer"
            }
          ],
          "nullable": true,
          "type": "object"
        },
        "status": {
          "$ref": "#/components/schemas/ResponseStatus"
        }
      },
      "required": [
        "status"
      ],
      "type": "object"
    },
    "CustomerId": {
      "oneOf": [
        {
          "type": "string"
        },
        {
          "type": "integer"
        }
      ]
    },
    "CustomerUpsert": {
      "properties": {
        "addresses": {
          "items": {
            "$ref": "#/components/schemas/Address"
          },
          "nullable": true,
          "type": "array"
        },
        "branchCode": {
          "nullable": true,
          "type": "string"
        },
        "creditLimit": {
          "nullable": true,
          "type": "string"
        },
        "customer2ndName": {
          "nullable": true,
          "type": "string"
        },
        "customerAliases": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "customerBirthdate": {
          "nullable": true,
          "type": "string"
        },
        "customerCode": {
          "nullable": true,
          "type": "string"
        },
        "customerEmail": {
          "type": "string"
        },
        "customerGender": {
          "format": "int32",
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2
          ]
        },
        "customerIncome": {
          "nullable": true,
          "type": "string"
        },
        "customerMaritalStatus": {
          "format": "int32",
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2,
            3,
            4,
            5,
            6
          ]
        },
        "customerMobile": {
          "nullable": true,
          "type": "string"
        },
        "customerName": {
          "type": "string"
        },
        "customerPhone": {
          "nullable": true,
          "type": "string"
        },
        "customerPicture": {
          "nullable": true,
          "type": "string"
        },
        "customerPosition": {
          "nullable": true,
          "type": "string"
        },
        "customerState": {
          "format": "int32",
          "type": "integer",
          "x-extensible-enum": [
            1,
            2,
            3
          ]
        },
        "customerStatus": {
          "format": "int32",
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            0,
            1,
            2
          ]
        },
        "customerTaxNo": {
          "nullable": true,
          "type": "string"
        },
        "customerType": {
          "format": "int32",
          "nullable": true,
          "type": "integer",
          "x-extensible-enum": [
            1,
            2
          ]
        }
      },
      "required": [
        "customerName",
        "customerState"
      ],
      "type": "object"
    },
    "ResponseStatus": {
      "properties": {
        "code": {
          "$ref": "#/components/schemas/BusinessCode"
        },
        "description": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "code"
      ],
      "type": "object"
    },
    "TokenRequest": {
      "properties": {
        "client_id": {
          "type": "string"
        },
        "client_secret": {
          "type": "string"
        },
        "grant_type": {
          "type": "string"
        }
      },
      "required": [
        "grant_type",
        "client_id",
        "client_secret"
      ],
      "type": "object"
    },
    "TokenResponse": {
      "properties": {
        "access_token": {
          "type": "string"
        },
        "expires_in": {
          "nullable": true,
          "type": "integer"
        },
        "scope": {
          "nullable": true,
          "type": "string"
        },
        "token_type": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "access_token"
      ],
      "type": "object"
    }
  }
}"####;

/// Response schemas of `specs/eshouhou.yaml`.
pub const ESHOUHOU: &str = r####"{
  "operations": {
    "get_customer": {
      "200": {
        "$ref": "#/components/schemas/CustomerEnvelope"
      }
    },
    "get_customer_contacts": {
      "200": {
        "$ref": "#/components/schemas/ContactsEnvelope"
      }
    },
    "get_token": {
      "200": {
        "$ref": "#/components/schemas/TokenEnvelope"
      }
    }
  },
  "schemas": {
    "ContactsEnvelope": {
      "properties": {
        "ErrorMsg": {
          "nullable": true,
          "type": "string"
        },
        "ResultCode": {
          "$ref": "#/components/schemas/ResultCode"
        },
        "ResultValue": {
          "items": {
            "$ref": "#/components/schemas/CustomerContact"
          },
          "nullable": true,
          "type": "array"
        }
      },
      "required": [
        "ResultCode"
      ],
      "type": "object"
    },
    "CustomerContact": {
      "properties": {
        "Address": {
          "nullable": true,
          "type": "string"
        },
        "Area": {
          "nullable": true,
          "type": "string"
        },
        "Country": {
          "nullable": true,
          "type": "string"
        },
        "CustomerID": {
          "nullable": true,
          "type": "string"
        },
        "CustomerName": {
          "nullable": true,
          "type": "string"
        },
        "Dial": {
          "nullable": true,
          "type": "string"
        },
        "Gender": {
          "nullable": true,
          "type": "integer"
        },
        "ID": {
          "nullable": true,
          "type": "string"
        },
        "IsMain": {
          "nullable": true,
          "type": "boolean"
        },
        "Latitude": {
          "nullable": true,
          "type": "number"
        },
        "Longitude": {
          "nullable": true,
          "type": "number"
        },
        "Mail": {
          "nullable": true,
          "type": "string"
        },
        "Name": {
          "nullable": true,
          "type": "string"
        },
        "QQ": {
          "nullable": true,
          "type": "string"
        },
        "Remark": {
          "nullable": true,
          "type": "string"
        },
        "Telephone": {
          "nullable": true,
          "type": "string"
        },
        "Title": {
          "nullable": true,
          "type": "string"
        },
        "WeChat": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "CustomerEnvelope": {
      "properties": {
        "ErrorMsg": {
          "nullable": true,
          "type": "string"
        },
        "ResultCode": {
          "$ref": "#/components/schemas/ResultCode"
        },
        "ResultValue": {
          "items": {
            "$ref": "#/components/schemas/DisplayRow"
          },
          "nullable": true,
          "type": "array"
        }
      },
      "required": [
        "ResultCode"
      ],
      "type": "object"
    },
    "DisplayRow": {
      "properties": {
        "Key": {
          "type": "string"
        },
        "ShowType": {
          "allOf": [
            {
              "$ref": "#/components/schemas/ShowType"
            }
          ]
        },
        "Value": {
          "format": "lenient-text",
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "Key"
      ],
      "type": "object"
    },
    "FlexibleInteger": {
      "oneOf": [
        {
          "type": "integer"
        },
        {
          "type": "string"
        }
      ]
    },
    "ResultCode": {
      "oneOf": [
        {
          "type": "integer"
        },
        {
          "type": "string"
        }
      ]
    },
    "ShowType": {
      "oneOf": [
        {
          "type": "integer"
        },
        {
          "type": "string"
        }
      ],
      "x-extensible-enum": [
        0,
        1,
        2,
        3,
        4,
        5,
        6
      ]
    },
    "TokenEnvelope": {
      "properties": {
        "ErrorMsg": {
          "nullable": true,
          "type": "string"
        },
        "ResultCode": {
          "$ref": "#/components/schemas/ResultCode"
        },
        "ResultValue": {
          "allOf": [
            {
              "$ref": "#/components/schemas/TokenValue"
            }
          ],
          "nullable": true,
          "type": "object"
        }
      },
      "required": [
        "ResultCode"
      ],
      "type": "object"
    },
    "TokenValue": {
      "properties": {
        "access_token": {
          "type": "string"
        },
        "expires_in": {
          "allOf": [
            {
              "$ref": "#/components/schemas/FlexibleInteger"
            }
          ]
        }
      },
      "required": [
        "access_token"
      ],
      "type": "object"
    }
  }
}"####;

/// Response schemas of `specs/nd.yaml`.
pub const ND: &str = r####"{
  "operations": {
    "get_customer_detail": {
      "200": {
        "$ref": "#/components/schemas/CustomerDetailResponse"
      }
    },
    "paginate_customers": {
      "200": {
        "$ref": "#/components/schemas/CustomerPageEnvelope"
      }
    },
    "update_customer": {
      "200": {
        "$ref": "#/components/schemas/CustomerUpdateResponse"
      }
    }
  },
  "schemas": {
    "AreaCode": {
      "oneOf": [
        {
          "type": "string"
        },
        {
          "items": {
            "type": "string"
          },
          "type": "array"
        }
      ]
    },
    "CustomerDetail": {
      "properties": {
        "advantageousIndustry": {
          "nullable": true,
          "type": "string"
        },
        "area": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "areaCode": {
          "allOf": [
            {
              "$ref": "#/components/schemas/AreaCode"
            }
          ]
        },
        "createdAt": {
          "nullable": true,
          "type": "string"
        },
        "creditSituation": {
          "nullable": true,
          "type": "string"
        },
        "customerNo": {
          "nullable": true,
          "type": "string"
        },
        "departmentPath": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "description": {
          "nullable": true,
          "type": "string"
        },
        "followerNames": {
          "items": {
            "$ref": "#/components/schemas/Follower"
          },
          "nullable": true,
          "type": "array"
        },
        "followers": {
          "items": {
            "type": "integer"
          },
          "nullable": true,
          "type": "array"
        },
        "from": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "channel",
            "customer"
          ]
        },
        "id": {
          "type": "string"
        },
        "industryPath": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "industry_id": {
          "nullable": true,
          "type": "integer"
        },
        "levelName": {
          "nullable": true,
          "type": "string"
        },
        "managerId": {
          "nullable": true,
          "type": "integer"
        },
        "managerName": {
          "nullable": true,
          "type": "string"
        },
        "name": {
          "nullable": true,
          "type": "string"
        },
        "outstandingReceivables": {
          "allOf": [
            {
              "$ref": "#/components/schemas/Money"
            }
          ]
        },
        "partnerRelationship": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "intimacy",
            "recognized",
            "loose",
            "breakthrough",
            "communicating",
            "target"
          ]
        },
        "rank": {
          "nullable": true,
          "type": "integer"
        },
        "retentionMoney": {
          "allOf": [
            {
              "$ref": "#/components/schemas/Money"
            }
          ]
        },
        "totalTurnover": {
          "allOf": [
            {
              "$ref": "#/components/schemas/Money"
            }
          ]
        },
        "transactionNumber": {
          "nullable": true,
          "type": "integer"
        },
        "type": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "CLIENT",
            "TARGET_CUSTOMER",
            "PROSPECT"
          ]
        }
      },
      "required": [
        "id"
      ],
      "type": "object"
    },
    "CustomerDetailEnvelope": {
      "properties": {
        "code": {
          "type": "integer"
        },
        "data": {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomerDetail"
            }
          ],
          "nullable": true,
          "type": "object"
        },
        "message": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "code"
      ],
      "type": "object"
    },
    "CustomerDetailResponse": {
      "oneOf": [
        {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomerDetailEnvelope"
            }
          ]
        },
        {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomerDetail"
            }
          ]
        }
      ]
    },
    "CustomerListItem": {
      "properties": {
        "address": {
          "nullable": true,
          "type": "string"
        },
        "advantageousIndustry": {
          "nullable": true,
          "type": "string"
        },
        "area": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "areaCode": {
          "allOf": [
            {
              "$ref": "#/components/schemas/AreaCode"
            }
          ]
        },
        "createdAt": {
          "nullable": true,
          "type": "string"
        },
        "creditSituation": {
          "nullable": true,
          "type": "string"
        },
        "customerNo": {
          "nullable": true,
          "type": "string"
        },
        "departmentId": {
          "nullable": true,
          "type": "integer"
        },
        "departmentPath": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "description": {
          "nullable": true,
          "type": "string"
        },
        "followers": {
          "items": {
            "type": "integer"
          },
          "nullable": true,
          "type": "array"
        },
        "from": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "channel",
            "customer"
          ]
        },
        "id": {
          "nullable": true,
          "type": "string"
        },
        "industryId": {
          "nullable": true,
          "type": "integer"
        },
        "industryPath": {
          "items": {
            "type": "string"
          },
          "nullable": true,
          "type": "array"
        },
        "isPinned": {
          "nullable": true,
          "type": "boolean"
        },
        "levelId": {
          "nullable": true,
          "type": "integer"
        },
        "levelName": {
          "nullable": true,
          "type": "string"
        },
        "managerId": {
          "nullable": true,
          "type": "integer"
        },
        "managerName": {
          "nullable": true,
          "type": "string"
        },
        "name": {
          "nullable": true,
          "type": "string"
        },
        "partnerRelationship": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "intimacy",
            "recognized",
            "loose",
            "breakthrough",
            "communicating",
            "target"
          ]
        },
        "projectNumber": {
          "nullable": true,
          "type": "integer"
        },
        "rank": {
          "nullable": true,
          "type": "integer"
        },
        "totalTurnover": {
          "allOf": [
            {
              "$ref": "#/components/schemas/Money"
            }
          ]
        },
        "type": {
          "nullable": true,
          "type": "string",
          "x-extensible-enum": [
            "CLIENT",
            "TARGET_CUSTOMER",
            "PROSPECT"
          ]
        }
      },
      "type": "object"
    },
    "CustomerPage": {
      "properties": {
        "items": {
          "items": {
            "$ref": "#/components/schemas/CustomerListItem"
          },
          "type": "array"
        },
        "page": {
          "nullable": true,
          "type": "integer"
        },
        "page_size": {
          "nullable": true,
          "type": "integer"
        },
        "total": {
          "nullable": true,
          "type": "integer"
        }
      },
      "required": [
        "items"
      ],
      "type": "object"
    },
    "CustomerPageEnvelope": {
      "properties": {
        "code": {
          "type": "integer"
        },
        "data": {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomerPage"
            }
          ],
          "nullable": true,
          "type": "object"
        },
        "message": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "code"
      ],
      "type": "object"
    },
    "CustomerUpdate": {
      "properties": {
        "address": {
          "type": "string"
        },
        "advantageous_industry": {
          "type": "string"
        },
        "area_code": {
          "allOf": [
            {
              "$ref": "#/components/schemas/AreaCode"
            }
          ]
        },
        "credit_situation": {
          "type": "string"
        },
        "department_id": {
          "format": "int64",
          "type": "integer"
        },
        "description": {
          "type": "string"
        },
        "followers": {
          "items": {
            "format": "int64",
            "type": "integer"
          },
          "type": "array"
        },
        "from": {
          "type": "string",
          "x-extensible-enum": [
            "channel",
            "customer"
          ]
        },
        "id": {
          "type": "string"
        },
        "industry_id": {
          "format": "int64",
          "type": "integer"
        },
        "level_id": {
          "format": "int64",
          "type": "integer"
        },
        "manager_id": {
          "format": "int64",
          "type": "integer"
        },
        "name": {
          "type": "string"
        },
        "partner_relationship": {
          "type": "string",
          "x-extensible-enum": [
            "intimacy",
            "recognized",
            "loose",
            "breakthrough",
            "communicating",
            "target"
          ]
        },
        "type": {
          "type": "string",
          "x-extensible-enum": [
            "CLIENT",
            "TARGET_CUSTOMER",
            "PROSPECT"
          ]
        }
      },
      "required": [
        "id",
        "name"
      ],
      "type": "object"
    },
    "CustomerUpdateResponse": {
      "oneOf": [
        {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomerUpdateResult"
            }
          ]
        },
        {
          "allOf": [
            {
              "$ref": "#/components/schemas/CustomerDetail"
            }
          ]
        }
      ]
    },
    "CustomerUpdateResult": {
      "properties": {
        "code": {
          "type": "integer"
        },
        "data": {},
        "message": {
          "nullable": true,
          "type": "string"
        }
      },
      "required": [
        "code"
      ],
      "type": "object"
    },
    "ErrorBody": {
      "properties": {
        "code": {
          "nullable": true,
          "type": "integer"
        },
        "message": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "Follower": {
      "properties": {
        "id": {
          "nullable": true,
          "type": "integer"
        },
        "name": {
          "nullable": true,
          "type": "string"
        }
      },
      "type": "object"
    },
    "Money": {
      "oneOf": [
        {
          "type": "number"
        },
        {
          "type": "string"
        }
      ]
    },
    "PaginateRequest": {
      "properties": {
        "conditions": {
          "items": {},
          "type": "array"
        },
        "page": {
          "type": "integer"
        },
        "page_size": {
          "type": "integer"
        },
        "sorts": {
          "items": {},
          "type": "array"
        }
      },
      "type": "object"
    }
  }
}"####;

/// Every provider's knowledge, looked up by provider.
#[rustfmt::skip]
pub const KNOWLEDGE: crate::ByProvider<&str> = crate::ByProvider {
    pluuug: PLUUUG,
    gofive: GOFIVE,
    eshouhou: ESHOUHOU,
    nd: ND,
};
