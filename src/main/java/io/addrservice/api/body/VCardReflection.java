package io.addrservice.api.body;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What ez-vcard reaches by reflection, for the native executable: the predefined values of its
 * parameter types and {@code VCardDataType} are found by reading their public static fields (and
 * made through their constructors), the versions a property or value supports are annotations read
 * at run time, and a property is copied through its copy constructor. Its messages are a resource
 * bundle, registered in resource-config.json.
 */
@RegisterForReflection(
    classNames = {
      "ezvcard.VCardDataType",
      "ezvcard.VCardVersion",
      "ezvcard.parameter.AddressType",
      "ezvcard.parameter.Calscale",
      "ezvcard.parameter.EmailType",
      "ezvcard.parameter.Encoding",
      "ezvcard.parameter.ExpertiseLevel",
      "ezvcard.parameter.HobbyLevel",
      "ezvcard.parameter.ImageType",
      "ezvcard.parameter.ImppType",
      "ezvcard.parameter.InterestLevel",
      "ezvcard.parameter.KeyType",
      "ezvcard.parameter.MediaTypeParameter",
      "ezvcard.parameter.RelatedType",
      "ezvcard.parameter.SoundType",
      "ezvcard.parameter.TelephoneType",
      "ezvcard.parameter.VCardParameter",
      "ezvcard.property.Address",
      "ezvcard.property.Agent",
      "ezvcard.property.Anniversary",
      "ezvcard.property.BinaryProperty",
      "ezvcard.property.Birthday",
      "ezvcard.property.Birthplace",
      "ezvcard.property.CalendarRequestUri",
      "ezvcard.property.CalendarUri",
      "ezvcard.property.Categories",
      "ezvcard.property.Classification",
      "ezvcard.property.ClientPidMap",
      "ezvcard.property.DateOrTimeProperty",
      "ezvcard.property.Deathdate",
      "ezvcard.property.Deathplace",
      "ezvcard.property.Email",
      "ezvcard.property.Expertise",
      "ezvcard.property.FormattedName",
      "ezvcard.property.FreeBusyUrl",
      "ezvcard.property.Gender",
      "ezvcard.property.Geo",
      "ezvcard.property.Hobby",
      "ezvcard.property.ImageProperty",
      "ezvcard.property.Impp",
      "ezvcard.property.Interest",
      "ezvcard.property.Key",
      "ezvcard.property.Kind",
      "ezvcard.property.Label",
      "ezvcard.property.Language",
      "ezvcard.property.ListProperty",
      "ezvcard.property.Logo",
      "ezvcard.property.Mailer",
      "ezvcard.property.Member",
      "ezvcard.property.Nickname",
      "ezvcard.property.Note",
      "ezvcard.property.OrgDirectory",
      "ezvcard.property.Organization",
      "ezvcard.property.Photo",
      "ezvcard.property.PlaceProperty",
      "ezvcard.property.ProductId",
      "ezvcard.property.Profile",
      "ezvcard.property.RawProperty",
      "ezvcard.property.Related",
      "ezvcard.property.Revision",
      "ezvcard.property.Role",
      "ezvcard.property.SimpleProperty",
      "ezvcard.property.SortString",
      "ezvcard.property.Sound",
      "ezvcard.property.Source",
      "ezvcard.property.SourceDisplayText",
      "ezvcard.property.StructuredName",
      "ezvcard.property.Telephone",
      "ezvcard.property.TextListProperty",
      "ezvcard.property.TextProperty",
      "ezvcard.property.Timezone",
      "ezvcard.property.Title",
      "ezvcard.property.Uid",
      "ezvcard.property.UriProperty",
      "ezvcard.property.Url",
      "ezvcard.property.VCardProperty",
      "ezvcard.property.Xml"
    })
final class VCardReflection {
  private VCardReflection() {}
}
