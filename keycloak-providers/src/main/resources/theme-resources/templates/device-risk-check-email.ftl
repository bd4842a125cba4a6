<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("deviceRiskCheckEmailTitle")}
    <#elseif section = "form">
        <p id="device-risk-check-email">${msg("deviceRiskCheckEmailText")}</p>
        <form id="device-risk-continue" action="${url.loginAction}" method="post">
            <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                   type="submit" value="${msg("doContinue")}"/>
        </form>
    </#if>
</@layout.registrationLayout>
